/* The visitor the tests register: 张三, with a valid identity card, bringing documents.
 * Whom he visits is each test's own. Header-only. */
#ifndef FRONTDESK_TESTS_VISITOR_SAMPLE_H
#define FRONTDESK_TESTS_VISITOR_SAMPLE_H

#include "frontdesk/visitors.h"

static inline fd_visit_form visitor_sample(void)
{
    return (fd_visit_form){
        .visitor_name = "张三",
        .doc_type = FD_DOC_RESIDENT_ID,
        .doc_number = "11010519491231002X",
        .phone = "138 0013 8000",
        .party_size = 1,
        .purpose = "送文件",
    };
}

#endif
