/* The procedures' write paths for the I/O-error test: for each, a set-up that
 * leaves one record ready for the operation (write_paths.h says what they must do),
 * and the operation. write_paths.c lists them. They share a small desk: the shipped
 * configuration, one building's directory (A-1203 with an owner who entrusted a spare
 * key, and a tenant) and the staff the procedures call on. */
#ifndef FRONTDESK_PROCEDURE_PATHS_H
#define FRONTDESK_PROCEDURE_PATHS_H

#include <check.h>

#include "write_paths.h"

/* A core call that must succeed while faults are disarmed. It reports into path_err,
 * which the macro declares: PATH_OK(fd_x(c->fx.desk, …, &path_err)). */
#define PATH_OK(call)                                                                    \
    do {                                                                                 \
        fd_error path_err = {0};                                                         \
        ck_assert_msg((call) == FD_OK, "%s: %s", #call, path_err.message);               \
    } while (0)

/* What the paths share, written once into the desk every run starts from
 * (fault_desk_template). */
void procedure_desk(fault_ctx *c);
/* The first directory entry of kind whose name or code starts with text. */
int64_t directory_id(fault_ctx *c, unsigned kind, const char *text);

/* ---- visitors (paths_visitors.c) ---- */
fd_status register_visitor(fault_ctx *c, fd_error *err);
void visitor_waiting(fault_ctx *c);      /* registered, the visitee not yet asked */
fd_status admit_visitor(fault_ctx *c, fd_error *err);
fd_status refuse_visitor(fault_ctx *c, fd_error *err);
void visitor_inside(fault_ctx *c);
fd_status sign_visitor_out(fault_ctx *c, fd_error *err);
void visitor_to_correct(fault_ctx *c);
fd_status correct_visitor(fault_ctx *c, fd_error *err);
void visitor_past_retention(fault_ctx *c); /* a visit whose document is due for the purge */
fd_status purge_visitors(fault_ctx *c, fd_error *err);

/* ---- keys (paths_keys.c) ---- */
fd_status register_key(fault_ctx *c, fd_error *err);
void key_in_store(fault_ctx *c);
fd_status request_key(fault_ctx *c, fd_error *err);
void loan_requested(fault_ctx *c);
fd_status approve_loan(fault_ctx *c, fd_error *err);
void loan_approved(fault_ctx *c);
fd_status lend_keys(fault_ctx *c, fd_error *err);
void loan_out(fault_ctx *c);
fd_status return_keys(fault_ctx *c, fd_error *err);
void emergency_loan(fault_ctx *c);       /* the spare key of A-1203, not handed over */
fd_status notify_for_emergency(fault_ctx *c, fd_error *err);

/* ---- mail (paths_mail.c) ---- */
void parcel_expected(fault_ctx *c);      /* a new tracking number */
fd_status receive_parcel(fault_ctx *c, fd_error *err);
void parcels_held(fault_ctx *c);         /* three for the owner, on a shelf */
fd_status hand_parcels_out(fault_ctx *c, fd_error *err);
void parcel_held(fault_ctx *c);
fd_status hand_out_by_proxy(fault_ctx *c, fd_error *err);
fd_status return_parcel(fault_ctx *c, fd_error *err);

/* ---- complaints (paths_complaints.c) ---- */
fd_status receive_complaint(fault_ctx *c, fd_error *err);
void complaint_received(fault_ctx *c);
fd_status assign_complaint(fault_ctx *c, fd_error *err);
void complaint_assigned(fault_ctx *c);
fd_status rectify_complaint(fault_ctx *c, fd_error *err);
void complaint_rectified(fault_ctx *c);
fd_status visit_dissatisfied(fault_ctx *c, fd_error *err); /* reopens it */
void complaint_visited(fault_ctx *c);
fd_status close_complaint(fault_ctx *c, fd_error *err);

/* ---- the handover book (paths_handover.c) ---- */
void shift_open(fault_ctx *c);           /* the book open, with open items to gather */
fd_status write_entry(fault_ctx *c, fd_error *err);
void followup_open(fault_ctx *c);
fd_status record_progress(fault_ctx *c, fd_error *err);
fd_status begin_handover(fault_ctx *c, fd_error *err);
void handing_over(fault_ctx *c);
fd_status count_inventory(fault_ctx *c, fd_error *err);
void ready_to_sign(fault_ctx *c);        /* items marked, inventory counted */
fd_status sign_handover(fault_ctx *c, fd_error *err);

/* ---- notices (paths_notices.c) ---- */
fd_status draft_early_notice(fault_ctx *c, fd_error *err); /* with a manager's override */
void notice_drafted(fault_ctx *c);
fd_status sign_notice(fault_ctx *c, fd_error *err);
void notice_issued(fault_ctx *c);
fd_status deliver_notice(fault_ctx *c, fd_error *err);   /* to two units */
void notice_posted(fault_ctx *c);
fd_status take_notice_down(fault_ctx *c, fd_error *err);
/* ---- renovations (paths_works.c) ---- */
fd_status open_renovation(fault_ctx *c, fd_error *err);
void renovation_open(fault_ctx *c);      /* a file for A-1203, in c->record */
fd_status issue_pass(fault_ctx *c, fd_error *err);
void pass_issued(fault_ctx *c);          /* a file and a pass, the pass in c->record */
fd_status take_pass_back(fault_ctx *c, fd_error *err);
fd_status approve_hot_work(fault_ctx *c, fd_error *err);
void tools_in(fault_ctx *c);             /* the crew's morning tools, in c->record */
fd_status carry_tools_out(fault_ctx *c, fd_error *err);
fd_status correct_renovation(fault_ctx *c, fd_error *err);    /* after renovation_open */
fd_status correct_pass_document(fault_ctx *c, fd_error *err); /* after pass_issued */
/* ---- carry-out and carry-in passes (paths_passes.c) ---- */
fd_status file_letter(fault_ctx *c, fd_error *err);
fd_status issue_carry_pass(fault_ctx *c, fd_error *err);
void carry_pass_issued(fault_ctx *c);          /* out of T-1501 under its seal, 09:00–12:00 */
fd_status confirm_pass(fault_ctx *c, fd_error *err);
fd_status refuse_pass(fault_ctx *c, fd_error *err);
fd_status void_pass(fault_ctx *c, fd_error *err);
/* ---- the hotline register (paths_calls.c) ---- */
fd_status take_call(fault_ctx *c, fd_error *err);
void call_taken(fault_ctx *c);                 /* a repair from A-1203, open, in c->record */
fd_status hand_repair(fault_ctx *c, fd_error *err);
void repair_handed(fault_ctx *c);              /* its repair request, in c->record */
fd_status report_repair_done(fault_ctx *c, fd_error *err);

#endif
