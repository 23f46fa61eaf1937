-- frontdesk schema 70: indexes for the printed daily logs (issue 8). A day's
-- complaints log finds the rectifications done that day by the time they were done
-- (fd_complaints_touched); the other day ranges already walk an index of their own
-- (visit_by_time, mail_item_by_at, key_loan_by_at and its partners,
-- complaint_by_received, complaint_visit_by_time).
CREATE INDEX complaint_rectification_by_done ON complaint_rectification(done_at, complaint_id);
