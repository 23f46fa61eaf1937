/* Roles and the permission check every write calls. */
#ifndef FRONTDESK_ROLES_H
#define FRONTDESK_ROLES_H

#include <stdbool.h>
#include <stdint.h>

/* X(id, stored name, label) */
#define FD_ROLE_LIST(X)                                            \
    X(RECEPTIONIST, "receptionist", N_("Receptionist"))            \
    X(ASSISTANT,    "assistant",    N_("Property assistant"))      \
    X(DUTY_MANAGER, "duty_manager", N_("Duty manager"))            \
    X(CS_MANAGER,   "cs_manager",   N_("Customer-service manager")) \
    X(ADMIN,        "admin",        N_("Administrator"))

typedef enum fd_role {
#define FD_ROLE_ENUM(id, name, label) FD_ROLE_##id,
    FD_ROLE_LIST(FD_ROLE_ENUM)
#undef FD_ROLE_ENUM
    FD_ROLE_COUNT
} fd_role;

#define FD_ROLE_BIT(r) (1u << (r))
#define FD_MANAGERS (FD_ROLE_BIT(FD_ROLE_DUTY_MANAGER) | FD_ROLE_BIT(FD_ROLE_CS_MANAGER))
#define FD_DESK_STAFF (FD_ROLE_BIT(FD_ROLE_RECEPTIONIST) | FD_ROLE_BIT(FD_ROLE_ASSISTANT) | FD_MANAGERS)
#define FD_EVERYONE (FD_DESK_STAFF | FD_ROLE_BIT(FD_ROLE_ADMIN))

/* Every action a rule governs, with the roles allowed by default.
 * X(id, name, roles) — procedures add their actions here. */
#define FD_ACTION_LIST(X)                                                       \
    X(STAFF_ADD,         "staff.add",         FD_ROLE_BIT(FD_ROLE_ADMIN))       \
    X(STAFF_LIST,        "staff.list",        FD_MANAGERS | FD_ROLE_BIT(FD_ROLE_ADMIN)) \
    X(STAFF_SET_PIN,     "staff.set_pin",     FD_ROLE_BIT(FD_ROLE_ADMIN))       \
    X(STAFF_UNLOCK,      "staff.unlock",      FD_ROLE_BIT(FD_ROLE_DUTY_MANAGER) | FD_ROLE_BIT(FD_ROLE_ADMIN)) \
    X(AUDIT_SEAL,        "audit.seal",        FD_ROLE_BIT(FD_ROLE_ADMIN))       \
    X(VISIT_REGISTER,    "visit.register",    FD_DESK_STAFF)                    \
    X(VISIT_SIGN_OUT,    "visit.sign_out",    FD_DESK_STAFF)                    \
    X(VISIT_CORRECT,     "visit.correct",     FD_DESK_STAFF)                    \
    X(VISITOR_BAN,       "visitor.ban",       FD_ROLE_BIT(FD_ROLE_CS_MANAGER))  \
    X(VISIT_PURGE,       "visit.purge",       FD_ROLE_BIT(FD_ROLE_CS_MANAGER) | FD_ROLE_BIT(FD_ROLE_ADMIN)) \
    X(KEY_REGISTER,      "key.register",      FD_DESK_STAFF)                    \
    X(KEY_INCIDENT,      "key.incident",      FD_DESK_STAFF)                    \
    X(KEY_COPY,          "key.copy",          FD_ROLE_BIT(FD_ROLE_CS_MANAGER))  \
    X(KEY_RETIRE,        "key.retire",        FD_MANAGERS)                      \
    X(KEY_SEAL,          "key.seal",          FD_ROLE_BIT(FD_ROLE_DUTY_MANAGER)) \
    X(KEY_LOAN,          "key.loan",          FD_DESK_STAFF)                    \
    X(KEY_LOAN_APPROVE,  "key.loan_approve",  FD_MANAGERS)                      \
    X(KEY_EXPORT,        "key.export",        FD_MANAGERS | FD_ROLE_BIT(FD_ROLE_ADMIN)) \
    X(MAIL_RECEIVE,      "mail.receive",      FD_DESK_STAFF)                    \
    X(MAIL_HAND_OUT,     "mail.hand_out",     FD_DESK_STAFF)                    \
    X(MAIL_RETURN,       "mail.return",       FD_DESK_STAFF)                    \
    X(MAIL_CORRECT,      "mail.correct",      FD_DESK_STAFF)                    \
    X(MAIL_EXPORT,       "mail.export",       FD_MANAGERS | FD_ROLE_BIT(FD_ROLE_ADMIN)) \
    X(DIRECTORY_IMPORT,  "directory.import",  FD_ROLE_BIT(FD_ROLE_CS_MANAGER) | FD_ROLE_BIT(FD_ROLE_ADMIN)) \
    X(DIRECTORY_CORRECT, "directory.correct", FD_DESK_STAFF | FD_ROLE_BIT(FD_ROLE_ADMIN)) \
    X(COMPLAINT_RECEIVE,  "complaint.receive",  FD_DESK_STAFF)                     \
    X(COMPLAINT_ASSIGN,   "complaint.assign",   FD_DESK_STAFF)                     \
    X(COMPLAINT_RECTIFY,  "complaint.rectify",  FD_DESK_STAFF)                     \
    X(COMPLAINT_VISIT,    "complaint.visit",    FD_DESK_STAFF)                     \
    X(COMPLAINT_CLOSE,    "complaint.close",    FD_DESK_STAFF)                     \
    X(COMPLAINT_CORRECT,  "complaint.correct",  FD_DESK_STAFF)                     \
    X(COMPLAINT_SEVERITY, "complaint.severity", FD_MANAGERS)                       \
    X(COMPLAINT_ESCALATE, "complaint.escalate", FD_ROLE_BIT(FD_ROLE_CS_MANAGER))   \
    X(COMPLAINT_EXPORT,   "complaint.export",   FD_MANAGERS | FD_ROLE_BIT(FD_ROLE_ADMIN)) \
    X(HANDOVER_LOG,       "handover.log",       FD_DESK_STAFF)                     \
    X(HANDOVER_WRITE,     "handover.write",     FD_ROLE_BIT(FD_ROLE_DUTY_MANAGER)) \
    X(HANDOVER_FOLLOW,    "handover.follow",    FD_ROLE_BIT(FD_ROLE_DUTY_MANAGER)) \
    X(HANDOVER_SHIFT,     "handover.shift",     FD_ROLE_BIT(FD_ROLE_DUTY_MANAGER)) \
    X(HANDOVER_TAKE_OVER, "handover.take_over", FD_ROLE_BIT(FD_ROLE_CS_MANAGER) | FD_ROLE_BIT(FD_ROLE_ADMIN)) \
    X(HANDOVER_CORRECT,   "handover.correct",   FD_DESK_STAFF)                     \
    X(HANDOVER_EXPORT,    "handover.export",    FD_MANAGERS | FD_ROLE_BIT(FD_ROLE_ADMIN)) \
    X(CALL_TAKE,          "call.take",          FD_DESK_STAFF)                     \
    X(CALL_FOLLOW,        "call.follow",        FD_DESK_STAFF)                     \
    X(CALL_CORRECT,       "call.correct",       FD_DESK_STAFF)                     \
    X(CALL_EXPORT,        "call.export",        FD_MANAGERS | FD_ROLE_BIT(FD_ROLE_ADMIN))

typedef enum fd_action {
#define FD_ACTION_ENUM(id, name, roles) FD_ACT_##id,
    FD_ACTION_LIST(FD_ACTION_ENUM)
#undef FD_ACTION_ENUM
    FD_ACTION_COUNT
} fd_action;

const char *fd_role_name(fd_role r);
const char *fd_role_label(fd_role r); /* translated */
bool fd_role_parse(const char *name, fd_role *out);
const char *fd_action_name(fd_action a);

/* Who is acting: the staff member logged in, or the one who approved in place. */
typedef struct fd_actor {
    int64_t staff_id;
    fd_role role;
    char number[16];
    char name[64];
} fd_actor;

/* May this actor see identity numbers / phone numbers in full? The roles come from
 * the configuration (privacy.unmask_document_roles, unmask_phone_roles). */
struct fd_config;
bool fd_may_see_documents(const struct fd_config *cfg, const fd_actor *who);
bool fd_may_see_phones(const struct fd_config *cfg, const fd_actor *who);

/* May this actor do this? The core calls it on every write; screens only ask it
 * to decide what to offer. */
bool fd_may(const fd_actor *who, fd_action action);

#endif
