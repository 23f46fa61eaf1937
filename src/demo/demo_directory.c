/* The demo directory: see include/frontdesk/demo.h. It is written as CSV and read back
 * through the import, so the demo exercises the path a site's own files take. */
#include "frontdesk/demo.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "frontdesk/csv.h"
#include "frontdesk/directory.h"
#include "frontdesk/i18n.h"

#define FD_COUNT(a) (sizeof (a) / sizeof (a)[0])

/* splitmix64: a private generator with a fixed seed, so the demo is the same on every
 * machine and nothing else's random state is touched. */
typedef struct fd_rng {
    uint64_t state;
} fd_rng;

static uint32_t fd_rng_below(fd_rng *r, uint32_t n)
{
    uint64_t z = (r->state += 0x9E3779B97F4A7C15u);
    z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9u;
    z = (z ^ (z >> 27)) * 0x94D049BB133111EBu;
    z ^= z >> 31;
    return (uint32_t)(z % n);
}

static bool fd_rng_chance(fd_rng *r, uint32_t percent)
{
    return fd_rng_below(r, 100) < percent;
}

#define FD_PICK(r, list) ((list)[fd_rng_below((r), FD_COUNT(list))])

static const char *const fd_surnames[] = {
    "王", "李", "张", "刘", "陈", "杨", "赵", "黄", "周", "吴", "徐", "孙", "胡", "朱",
    "高", "林", "何", "郭", "马", "罗", "梁", "宋", "郑", "谢", "韩", "唐", "冯", "于",
    "董", "萧", "程", "曹", "袁", "邓", "许", "傅", "沈", "曾", "彭", "吕", "苏", "卢",
    "蒋", "蔡", "贾", "丁", "魏", "薛", "叶", "阎", "余", "潘", "杜", "戴", "夏", "钟",
    "汪", "田", "任", "姜", "范", "方", "石", "姚", "谭", "廖", "邹", "熊", "金", "陆",
    "郝", "孔", "白", "崔", "康", "毛", "邱", "秦", "江", "史", "顾", "侯", "邵", "孟",
    "欧阳", "司马", "上官",
};

static const char *const fd_given[] = {
    "伟", "芳", "娜", "敏", "静", "丽", "强", "磊", "军", "洋", "勇", "艳", "杰", "娟",
    "涛", "明", "超", "霞", "平", "刚", "辉", "鹏", "华", "建", "国", "红", "玉", "兰",
    "英", "文", "斌", "宇", "浩", "凯", "婷", "雪", "琳", "晨", "欣", "怡", "佳", "思",
    "子", "雨", "轩", "博", "昊", "然", "梓", "睿", "晓", "海", "波", "宁", "峰", "倩",
    "颖", "慧", "萍", "丹", "蕾", "蓉", "志", "春", "秋", "嘉", "俊", "立", "德", "福",
};

/* Tenants from abroad, as their documents spell them. */
static const char *const fd_foreign_names[] = {
    "Smith, John", "Kim Min-jun", "Tanaka Yuki", "Müller, Anna", "Nguyen Van An",
};

static const char *const fd_mobile_prefixes[] = {
    "138", "139", "186", "135", "136", "137", "150", "151", "158", "159",
    "182", "185", "188", "189", "133", "177", "180", "131", "132", "156",
};

/* Relations that share the person's surname, and those that need not. */
static const char *const fd_kin_same_name[] = {"父亲", "儿子", "女儿", "兄弟", "姐妹"};
static const char *const fd_kin_other_name[] = {"配偶", "母亲", "朋友", "同事"};

static const struct {
    const char *code;
    int floors, per_floor;
} fd_residences[] = {
    {"A", 18, 4},
    {"B", 22, 3},
    {"C", 26, 2},
};

/* The office tower: floors 11 to 15, four offices each. */
enum { FD_TOWER_LOW = 11, FD_TOWER_HIGH = 15, FD_TOWER_PER_FLOOR = 4, FD_KEY_EVERY = 6 };

static const char *const fd_companies[] = {
    "北京辰星科技有限公司",       "北京华信达会计师事务所",     "北京博远文化传媒有限公司",
    "北京中科瑞达信息技术有限公司", "北京安和医疗器械有限公司",   "北京智汇教育咨询有限公司",
    "北京鼎盛建筑设计有限公司",   "北京恒通国际物流有限公司",   "北京金石投资管理有限公司",
    "北京天衡律师事务所",         "北京青禾餐饮管理有限公司",   "北京远景环保科技有限公司",
    "北京明德人力资源有限公司",   "北京云帆网络科技有限公司",   "北京嘉禾广告有限公司",
    "北京润泽健康管理有限公司",
};

static const char *const fd_departments[] = {"行政部", "财务部", "技术部", "市场部"};
static const char *const fd_staff_positions[] = {"主管", "专员", "专员"};

typedef struct fd_demo_row {
    const char *unit, *kind, *name, *phone, *company, *department, *position;
    const char *emergency_name, *emergency_relation, *emergency_phone, *key_entrusted_on;
} fd_demo_row;

static const fd_demo_row fd_occupants_header = {
    "unit", "kind", "name", "phone", "company", "department", "position",
    "emergency_name", "emergency_relation", "emergency_phone", "key_entrusted_on",
};

static void fd_demo_write(FILE *out, const fd_demo_row *r)
{
    const char *fields[] = {
        r->unit, r->kind, r->name, r->phone, r->company, r->department, r->position,
        r->emergency_name, r->emergency_relation, r->emergency_phone, r->key_entrusted_on,
    };
    fd_csv_write(out, fields, FD_COUNT(fields));
}

enum { FD_DEMO_NAME = 64, FD_DEMO_PHONE = 24, FD_DEMO_ROOM = 24, FD_DEMO_UNIT = 48 };

static void fd_demo_given(fd_rng *r, char *out, size_t size)
{
    if (fd_rng_chance(r, 60))
        snprintf(out, size, "%s%s", FD_PICK(r, fd_given), FD_PICK(r, fd_given));
    else
        snprintf(out, size, "%s", FD_PICK(r, fd_given));
}

static void fd_demo_name(fd_rng *r, const char *surname, char out[FD_DEMO_NAME])
{
    char given[FD_DEMO_NAME / 2];
    fd_demo_given(r, given, sizeof given);
    snprintf(out, FD_DEMO_NAME, "%s%s", surname ? surname : FD_PICK(r, fd_surnames), given);
}

static void fd_demo_mobile(fd_rng *r, char out[FD_DEMO_PHONE])
{
    snprintf(out, FD_DEMO_PHONE, "%s%08u", FD_PICK(r, fd_mobile_prefixes),
             (unsigned)fd_rng_below(r, 100000000));
}

/* Beijing office numbers start with 5 to 8. */
static void fd_demo_landline(fd_rng *r, char out[FD_DEMO_PHONE])
{
    snprintf(out, FD_DEMO_PHONE, "010-%u%07u", 5 + (unsigned)fd_rng_below(r, 4),
             (unsigned)fd_rng_below(r, 10000000));
}

/* Rooms are numbered floor and place on it: 1203 is the third on the twelfth floor. */
static void fd_demo_unit(FILE *out, const char *building, int floor, int place)
{
    char floor_text[FD_DEMO_ROOM], room[FD_DEMO_ROOM];
    snprintf(floor_text, sizeof floor_text, "%d", floor);
    snprintf(room, sizeof room, "%d%02d", floor, place);
    fd_csv_write(out, (const char *[]){building, floor_text, room}, 3);
}

static void fd_demo_units(FILE *out)
{
    fd_csv_write(out, (const char *[]){"building", "floor", "room"}, 3);
    for (size_t b = 0; b < FD_COUNT(fd_residences); b++)
        for (int f = 1; f <= fd_residences[b].floors; f++)
            for (int n = 1; n <= fd_residences[b].per_floor; n++)
                fd_demo_unit(out, fd_residences[b].code, f, n);
    for (int f = FD_TOWER_LOW; f <= FD_TOWER_HIGH; f++)
        for (int n = 1; n <= FD_TOWER_PER_FLOOR; n++)
            fd_demo_unit(out, "T", f, n);
}

/* A relative shares the surname where Chinese custom has it; a spouse or friend need not. */
static void fd_demo_emergency(fd_rng *r, const char *surname, fd_demo_row *row,
                              char name[FD_DEMO_NAME], char phone[FD_DEMO_PHONE])
{
    bool kin = fd_rng_chance(r, 50);
    row->emergency_relation = kin ? FD_PICK(r, fd_kin_same_name) : FD_PICK(r, fd_kin_other_name);
    fd_demo_name(r, kin ? surname : NULL, name);
    fd_demo_mobile(r, phone);
    row->emergency_name = name;
    row->emergency_phone = phone;
}

/* foreign: the name of a tenant from abroad, else NULL for a Chinese name. */
static void fd_demo_resident(FILE *out, fd_rng *r, const char *unit, const char *kind,
                             const char *foreign, const char *key_on)
{
    char name[FD_DEMO_NAME], phone[FD_DEMO_PHONE], contact[FD_DEMO_NAME], contact_phone[FD_DEMO_PHONE];
    const char *surname = FD_PICK(r, fd_surnames);
    if (foreign)
        snprintf(name, sizeof name, "%s", foreign);
    else
        fd_demo_name(r, surname, name);
    fd_demo_mobile(r, phone);
    fd_demo_row row = {.unit = unit, .kind = kind, .name = name, .phone = phone,
                       .key_entrusted_on = key_on};
    if (!foreign && fd_rng_chance(r, 60))
        fd_demo_emergency(r, surname, &row, contact, contact_phone);
    fd_demo_write(out, &row);
}

/* Most homes have their owner on file, a quarter are let (a few to tenants from
 * abroad), a few stand empty; one home in FD_KEY_EVERY leaves a spare key with the desk. */
static void fd_demo_residents(FILE *out, fd_rng *r, fd_date today)
{
    char unit[FD_DEMO_UNIT], key_on[FD_DATE_TEXT];
    int index = 0;
    size_t foreign = 0;
    for (size_t b = 0; b < FD_COUNT(fd_residences); b++) {
        for (int f = 1; f <= fd_residences[b].floors; f++) {
            for (int n = 1; n <= fd_residences[b].per_floor; n++, index++) {
                snprintf(unit, sizeof unit, "%s-%d%02d", fd_residences[b].code, f, n);
                if (fd_rng_chance(r, 6))
                    continue;
                fd_date_format(today - 30 - (fd_date)fd_rng_below(r, 1000), key_on);
                fd_demo_resident(out, r, unit, "owner", NULL,
                                 index % FD_KEY_EVERY == 2 ? key_on : "");
                if (!fd_rng_chance(r, 25))
                    continue;
                bool abroad = fd_rng_chance(r, 15) && foreign < FD_COUNT(fd_foreign_names);
                fd_demo_resident(out, r, unit, "tenant", abroad ? fd_foreign_names[foreign++] : NULL,
                                 "");
            }
        }
    }
}

typedef struct fd_demo_company {
    const char *unit, *name;
    char used[24][FD_DEMO_NAME]; /* staff names so far: no one twice in one company */
    size_t used_count;
} fd_demo_company;

static void fd_demo_staff_name(fd_rng *r, fd_demo_company *c, char out[FD_DEMO_NAME])
{
    bool taken;
    do {
        fd_demo_name(r, NULL, out);
        taken = false;
        for (size_t i = 0; i < c->used_count && !taken; i++)
            taken = strcmp(c->used[i], out) == 0;
    } while (taken);
    snprintf(c->used[c->used_count++], FD_DEMO_NAME, "%s", out);
}

static void fd_demo_employee(FILE *out, fd_rng *r, fd_demo_company *c, const char *department,
                             const char *position)
{
    char name[FD_DEMO_NAME], phone[FD_DEMO_PHONE];
    fd_demo_staff_name(r, c, name);
    fd_demo_mobile(r, phone);
    fd_demo_write(out, &(fd_demo_row){.unit = c->unit, .kind = "employee", .name = name,
                                      .phone = phone, .company = c->name,
                                      .department = department, .position = position});
}

/* Every department has a manager and one or two more; the front desk of a company sits
 * in its administration department. */
static void fd_demo_company_staff(FILE *out, fd_rng *r, fd_demo_company *c)
{
    size_t departments = 2 + fd_rng_below(r, 3), first = fd_rng_below(r, FD_COUNT(fd_departments));
    for (size_t i = 0; i < departments; i++) {
        const char *department = fd_departments[(first + i) % FD_COUNT(fd_departments)];
        fd_demo_employee(out, r, c, department, "经理");
        for (uint32_t k = 1 + fd_rng_below(r, 2); k > 0; k--)
            fd_demo_employee(out, r, c, department, FD_PICK(r, fd_staff_positions));
        if (strcmp(department, "行政部") == 0)
            fd_demo_employee(out, r, c, department, "前台");
    }
}

/* The tower lets its offices to the companies in order; the last few stand empty. */
static void fd_demo_tower(FILE *out, fd_rng *r)
{
    char unit[FD_DEMO_UNIT], phone[FD_DEMO_PHONE];
    size_t next = 0;
    for (int f = FD_TOWER_LOW; f <= FD_TOWER_HIGH; f++) {
        for (int n = 1; n <= FD_TOWER_PER_FLOOR && next < FD_COUNT(fd_companies); n++) {
            snprintf(unit, sizeof unit, "T-%d%02d", f, n);
            fd_demo_company c = {.unit = unit, .name = fd_companies[next++]};
            fd_demo_landline(r, phone);
            fd_demo_write(out, &(fd_demo_row){.unit = unit, .kind = "company", .name = c.name,
                                              .phone = phone});
            fd_demo_company_staff(out, r, &c);
        }
    }
}

static void fd_demo_occupants(FILE *out, fd_date today)
{
    fd_rng r = {20260101};
    fd_demo_write(out, &fd_occupants_header);
    fd_demo_residents(out, &r, today);
    fd_demo_tower(out, &r);
}

typedef struct fd_demo {
    fd_desk *d;
    const fd_actor *who;
    char *units, *occupants;
    size_t units_size, occupants_size;
} fd_demo;

typedef fd_status (*fd_import_fn)(fd_desk *d, const fd_actor *who, FILE *csv,
                                  fd_import_result *out, fd_error *err);

/* The demo's own data failing to import is a bug: say where, as the import would. */
static fd_status fd_demo_import(fd_demo *demo, fd_import_fn import, const char *file,
                                char *text, size_t size, fd_error *err)
{
    FILE *in = fmemopen(text, size, "r");
    if (!in)
        return fd_fail(err, FD_IO, NULL, _("Cannot read the demo data."));
    fd_import_result result;
    fd_status s = import(demo->d, demo->who, in, &result, err);
    fclose(in);
    if (s == FD_INVALID && result.problem_count > 0)
        fd_fail(err, s, NULL, "%s:%ld: %s: %s", file, result.problems[0].line,
                result.problems[0].column, result.problems[0].message);
    fd_import_result_free(&result);
    return s;
}

static fd_status fd_demo_write_all(fd_store *store, void *ctx, fd_error *err)
{
    (void)store;
    fd_demo *demo = ctx;
    fd_status s = fd_demo_import(demo, fd_directory_import_units, "units.csv", demo->units,
                                 demo->units_size, err);
    if (s == FD_OK)
        s = fd_demo_import(demo, fd_directory_import_occupants, "occupants.csv",
                           demo->occupants, demo->occupants_size, err);
    return s;
}

/* Writes both files into memory. */
static fd_status fd_demo_build(fd_demo *demo, fd_date today, fd_error *err)
{
    FILE *units = open_memstream(&demo->units, &demo->units_size);
    FILE *occupants = open_memstream(&demo->occupants, &demo->occupants_size);
    bool ok = units && occupants;
    if (ok) {
        fd_demo_units(units);
        fd_demo_occupants(occupants, today);
    }
    if (units)
        ok = fclose(units) == 0 && ok;
    if (occupants)
        ok = fclose(occupants) == 0 && ok;
    return ok ? FD_OK : fd_fail(err, FD_IO, NULL, _("Cannot build the demo data."));
}

fd_status fd_demo_directory(fd_desk *d, const fd_actor *who, fd_error *err)
{
    fd_demo demo = {.d = d, .who = who};
    fd_status s = fd_demo_build(&demo, fd_date_of(fd_desk_now(d)), err);
    /* One transaction: the demo directory is there whole or not at all. */
    if (s == FD_OK)
        s = fd_store_write(d->store, fd_demo_write_all, &demo, err);
    free(demo.units);
    free(demo.occupants);
    return s;
}
