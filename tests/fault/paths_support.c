/* The small desk the procedures' write paths share: see procedure_paths.h. */
#include <stdio.h>
#include <string.h>

#include "frontdesk/directory.h"
#include "frontdesk/passes.h"
#include "frontdesk/staff.h"
#include "procedure_paths.h"

/* One building is enough: what the paths need is an owner with an emergency contact
 * and an entrusted spare key (emergency calls, spare keys), a tenant (a second person
 * to call), and a company in the tower (passes). The directory size does not matter to the write paths, and every
 * attempt verifies the whole audit chain, so it is kept small. */
static const char units_csv[] = "building,floor,room\nA,12,1203\nA,12,1204\nT,15,1501\n";
static const char occupants_csv[] =
    "unit,kind,name,phone,company,department,position,emergency_name,emergency_relation,"
    "emergency_phone,key_entrusted_on\n"
    "A-1203,owner,王建国,13800138000,,,,王小明,儿子,13900139000,2026-01-15\n"
    "A-1203,tenant,李四,13700137000,,,,,,,\n"
    "T-1501,company,北京辰星科技有限公司,010-85551234,,,,,,,\n";

typedef fd_status (*import_fn)(fd_desk *d, const fd_actor *who, FILE *csv, fd_import_result *out,
                               fd_error *err);

static void import(fault_ctx *c, import_fn fn, const char *text)
{
    FILE *in = fmemopen((void *)text, strlen(text), "r");
    ck_assert_ptr_nonnull(in);
    fd_import_result result = {0};
    PATH_OK(fn(c->fx.desk, &c->fx.admin, in, &result, &path_err));
    fd_import_result_free(&result);
    fclose(in);
}

static void add_staff(fault_ctx *c, const char *number, const char *name, fd_role role,
                      const char *pin, fd_actor *out)
{
    PATH_OK(fd_staff_add(c->fx.desk, &c->fx.admin, number, name, role, pin, &path_err));
    PATH_OK(fd_staff_login(c->fx.desk, number, pin, out, &path_err));
}

static void take_id(void *ctx, const fd_dir_entry *e)
{
    *(int64_t *)ctx = e->id;
}

int64_t directory_id(fault_ctx *c, unsigned kind, const char *text)
{
    int64_t id = 0;
    PATH_OK(fd_directory_search(c->fx.desk, NULL, kind, text, 1, take_id, &id, &path_err));
    ck_assert_msg(id != 0, "nothing in the directory for %s", text);
    return id;
}

void procedure_desk(fault_ctx *c)
{
    import(c, fd_directory_import_units, units_csv);
    import(c, fd_directory_import_occupants, occupants_csv);
    add_staff(c, "3001", "刘洋", FD_ROLE_CS_MANAGER, "3333", &c->cs_manager);
    add_staff(c, "2002", "赵磊", FD_ROLE_DUTY_MANAGER, "2223", &c->second);
    c->owner_unit = directory_id(c, FD_DIR_UNIT, "A-1203");
    c->owner = directory_id(c, FD_DIR_OCCUPANT, "王建国");
    /* A company whose passes out go under its seal. */
    c->company = directory_id(c, FD_DIR_COMPANY, "北京辰星");
    fd_pass_authority_input seal = {c->company, FD_AUTHORITY_SEAL, NULL, 0, NULL};
    PATH_OK(fd_pass_authority_file(c->fx.desk, &c->fx.duty_manager, &seal, NULL, &path_err));
}
