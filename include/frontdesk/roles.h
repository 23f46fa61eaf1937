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
 * X(id, name, roles, label) — procedures add their actions here. The name is the
 * configuration's and the audit trail's; a person reads the label, never the name. */
#define FD_ACTION_LIST(X)                                                       \
    X(STAFF_ADD, "staff.add", FD_ROLE_BIT(FD_ROLE_ADMIN), N_("Add a staff member")) \
    X(STAFF_LIST, "staff.list", FD_MANAGERS | FD_ROLE_BIT(FD_ROLE_ADMIN), N_("List the staff")) \
    X(STAFF_SET_PIN, "staff.set_pin", FD_ROLE_BIT(FD_ROLE_ADMIN), N_("Set a staff member's PIN")) \
    X(STAFF_UNLOCK, "staff.unlock", FD_ROLE_BIT(FD_ROLE_DUTY_MANAGER) | FD_ROLE_BIT(FD_ROLE_ADMIN), N_("Unlock a staff member's login")) \
    X(AUDIT_SEAL, "audit.seal", FD_ROLE_BIT(FD_ROLE_ADMIN), N_("Seal the audit trail")) \
    X(VISIT_REGISTER, "visit.register", FD_DESK_STAFF, N_("Register a visitor")) \
    X(VISIT_SIGN_OUT, "visit.sign_out", FD_DESK_STAFF, N_("Sign a visitor out")) \
    X(VISIT_CORRECT, "visit.correct", FD_DESK_STAFF, N_("Correct a visit")) \
    X(VISITOR_BAN, "visitor.ban", FD_ROLE_BIT(FD_ROLE_CS_MANAGER), N_("Bar a visitor")) \
    X(VISIT_PURGE, "visit.purge", FD_ROLE_BIT(FD_ROLE_CS_MANAGER) | FD_ROLE_BIT(FD_ROLE_ADMIN), N_("Erase old identity numbers")) \
    X(KEY_REGISTER, "key.register", FD_DESK_STAFF, N_("Register a key or move its custody")) \
    X(KEY_INCIDENT, "key.incident", FD_DESK_STAFF, N_("Record a lost or damaged key, or a lock change")) \
    X(KEY_COPY, "key.copy", FD_ROLE_BIT(FD_ROLE_CS_MANAGER), N_("Copy a key")) \
    X(KEY_RETIRE, "key.retire", FD_MANAGERS, N_("Retire a key")) \
    X(KEY_SEAL, "key.seal", FD_ROLE_BIT(FD_ROLE_DUTY_MANAGER), N_("Seal a new key")) \
    X(KEY_LOAN, "key.loan", FD_DESK_STAFF, N_("Lend keys")) \
    X(KEY_LOAN_APPROVE, "key.loan_approve", FD_MANAGERS, N_("Consent to a key loan")) \
    X(KEY_EXPORT, "key.export", FD_MANAGERS | FD_ROLE_BIT(FD_ROLE_ADMIN), N_("Export the key loans")) \
    X(MAIL_RECEIVE, "mail.receive", FD_DESK_STAFF, N_("Sign for mail")) \
    X(MAIL_HAND_OUT, "mail.hand_out", FD_DESK_STAFF, N_("Hand mail out")) \
    X(MAIL_RETURN, "mail.return", FD_DESK_STAFF, N_("Return mail to the sender")) \
    X(MAIL_CORRECT, "mail.correct", FD_DESK_STAFF, N_("Correct a mail record")) \
    X(MAIL_EXPORT, "mail.export", FD_MANAGERS | FD_ROLE_BIT(FD_ROLE_ADMIN), N_("Export the mail register")) \
    X(DIRECTORY_IMPORT, "directory.import", FD_ROLE_BIT(FD_ROLE_CS_MANAGER) | FD_ROLE_BIT(FD_ROLE_ADMIN), N_("Import the occupants' directory")) \
    X(DIRECTORY_CORRECT, "directory.correct", FD_DESK_STAFF | FD_ROLE_BIT(FD_ROLE_ADMIN), N_("Correct the directory")) \
    X(COMPLAINT_RECEIVE, "complaint.receive", FD_DESK_STAFF, N_("Take a complaint")) \
    X(COMPLAINT_ASSIGN, "complaint.assign", FD_DESK_STAFF, N_("Assign a complaint")) \
    X(COMPLAINT_RECTIFY, "complaint.rectify", FD_DESK_STAFF, N_("Record a rectification")) \
    X(COMPLAINT_VISIT, "complaint.visit", FD_DESK_STAFF, N_("Record a return visit")) \
    X(COMPLAINT_CLOSE, "complaint.close", FD_DESK_STAFF, N_("Close a complaint")) \
    X(COMPLAINT_CORRECT, "complaint.correct", FD_DESK_STAFF, N_("Correct a complaint")) \
    X(COMPLAINT_SEVERITY, "complaint.severity", FD_MANAGERS, N_("Change a complaint's severity")) \
    X(COMPLAINT_ESCALATE, "complaint.escalate", FD_ROLE_BIT(FD_ROLE_CS_MANAGER), N_("Escalate a complaint to the customer-service manager")) \
    X(COMPLAINT_REFER, "complaint.refer", FD_DESK_STAFF & ~FD_ROLE_BIT(FD_ROLE_CS_MANAGER), N_("Hand a complaint to the customer-service manager")) \
    X(COMPLAINT_EXPORT, "complaint.export", FD_MANAGERS | FD_ROLE_BIT(FD_ROLE_ADMIN), N_("Export the complaints")) \
    X(HANDOVER_LOG, "handover.log", FD_DESK_STAFF, N_("Log a call or an item for the handover")) \
    X(HANDOVER_WRITE, "handover.write", FD_ROLE_BIT(FD_ROLE_DUTY_MANAGER), N_("Write the handover book")) \
    X(HANDOVER_FOLLOW, "handover.follow", FD_ROLE_BIT(FD_ROLE_DUTY_MANAGER), N_("Record progress on a follow-up")) \
    X(HANDOVER_SHIFT, "handover.shift", FD_ROLE_BIT(FD_ROLE_DUTY_MANAGER), N_("Hand over or take over a shift")) \
    X(HANDOVER_TAKE_OVER, "handover.take_over", FD_ROLE_BIT(FD_ROLE_CS_MANAGER) | FD_ROLE_BIT(FD_ROLE_ADMIN), N_("Take over a shift left unhanded")) \
    X(HANDOVER_CORRECT, "handover.correct", FD_DESK_STAFF, N_("Correct the handover book")) \
    X(HANDOVER_EXPORT, "handover.export", FD_MANAGERS | FD_ROLE_BIT(FD_ROLE_ADMIN), N_("Export the handover book")) \
    X(CALL_TAKE, "call.take", FD_DESK_STAFF, N_("Log a call or a walk-in")) \
    X(CALL_FOLLOW, "call.follow", FD_DESK_STAFF, N_("Answer, refer or close a call or walk-in")) \
    X(CALL_CORRECT, "call.correct", FD_DESK_STAFF, N_("Correct a call or walk-in")) \
    X(CALL_EXPORT, "call.export", FD_MANAGERS | FD_ROLE_BIT(FD_ROLE_ADMIN), N_("Export the call and walk-in register")) \
    X(NOTICE_WRITE, "notice.write", FD_DESK_STAFF, N_("Draft, issue, post or take down a notice")) \
    X(NOTICE_OVERRIDE, "notice.override", FD_MANAGERS, N_("Allow works to start before the notice period ends")) \
    X(NOTICE_CORRECT, "notice.correct", FD_DESK_STAFF, N_("Correct a notice")) \
    X(NOTICE_EXPORT, "notice.export", FD_MANAGERS | FD_ROLE_BIT(FD_ROLE_ADMIN), N_("Export the notices")) \
    X(WORKS_RENOVATION, "works.renovation", FD_DESK_STAFF, N_("Open, extend or complete a renovation file")) \
    X(WORKS_PASS, "works.pass", FD_DESK_STAFF, N_("Issue, renew or take back a worker's pass")) \
    X(WORKS_HOT_WORK, "works.hot_work", FD_MANAGERS, N_("Approve hot work")) \
    X(WORKS_COMPLETE, "works.complete", FD_MANAGERS, N_("Complete a renovation and refund its deposit")) \
    X(WORKS_SITE, "works.site", FD_DESK_STAFF, N_("Register contractors' tools, or a site cleared after hot work")) \
    X(WORKS_EXPORT, "works.export", FD_MANAGERS | FD_ROLE_BIT(FD_ROLE_ADMIN), N_("Export the renovation permits and passes")) \
    X(PASS_ISSUE, "pass.issue", FD_DESK_STAFF, N_("Issue a carry-out or carry-in pass")) \
    X(PASS_CONFIRM, "pass.confirm", FD_DESK_STAFF, N_("Confirm or stop goods at the door")) \
    X(PASS_VOID, "pass.void", FD_DESK_STAFF, N_("Void a pass")) \
    X(PASS_AUTHORITY, "pass.authority", FD_MANAGERS | FD_ROLE_BIT(FD_ROLE_ADMIN), N_("File a company's seal or letter of authority")) \
    X(PASS_EXPORT, "pass.export", FD_MANAGERS | FD_ROLE_BIT(FD_ROLE_ADMIN), N_("Export the passes")) \
    X(WORKS_CORRECT, "works.correct", FD_DESK_STAFF, N_("Correct a name or document of a renovation file or a worker's pass")) \
    X(WORKS_CORRECT_RECEIPT, "works.correct_receipt", FD_MANAGERS, N_("Correct a receipt number of a renovation file or a worker's pass")) \
    X(CALL_REPAIR, "call.repair", FD_DESK_STAFF, N_("Hand a repair to engineering, or record it done")) \
    X(CALL_REPAIR_CANCEL, "call.repair_cancel", FD_MANAGERS, N_("Withdraw a repair request handed to engineering"))

typedef enum fd_action {
#define FD_ACTION_ENUM(id, name, roles, label) FD_ACT_##id,
    FD_ACTION_LIST(FD_ACTION_ENUM)
#undef FD_ACTION_ENUM
    FD_ACTION_COUNT
} fd_action;

const char *fd_role_name(fd_role r);
const char *fd_role_label(fd_role r); /* translated */
bool fd_role_parse(const char *name, fd_role *out);
const char *fd_action_name(fd_action a);
const char *fd_action_label(fd_action a); /* translated: what a person reads */

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
