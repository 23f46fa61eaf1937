#include "demo/demo_data.h"

#include <stdio.h>

const demo_courier demo_couriers[DEMO_COURIERS] = {
    {"顺丰速运", "SF", "", 13}, {"京东物流", "JDV", "", 12}, {"中通快递", "7", "", 13},
    {"圆通速递", "YT", "", 13}, {"韵达快递", "43", "", 11}, {"EMS", "EA", "CN", 9},
    {"申通快递", "77", "", 11},
};

const demo_paper demo_papers[DEMO_PAPERS] = {
    {"人民日报", 30}, {"北京日报", 24}, {"参考消息", 16}, {"环球时报", 10},
};

const char *const demo_relations[DEMO_RELATIONS] = {"家人", "同事", "保姆", "邻居", "朋友"};
const char *const demo_collectors_for_units[DEMO_COLLECTORS] = {"业主家人", "租户本人", "公司前台"};

const demo_incident demo_incidents[DEMO_INCIDENTS] = {
    {"地下车库道闸无法抬杆", "保安 陈刚", "手动放行，通知工程部维修"},
    {"C座12楼住户反映邻居装修噪音", "C-1203 业主", "上门提醒施工方遵守施工时间"},
    {"大堂自动门感应失灵", "前台 李娜", "改为手动开启，报工程部"},
    {"A座消防报警器误报", "消防控制室", "现场确认无火情，复位报警器"},
    {"访客车辆占用消防通道", "保安 周明", "联系车主挪车"},
    {"B座停电约10分钟", "B-0801 业主", "联系供电所，启用应急照明"},
};

void demo_visitee_from(demo_visitee *v, const fd_dir_entry *e)
{
    *v = (demo_visitee){.kind = e->kind, .id = e->id, .unit_id = e->unit_id};
    snprintf(v->unit, sizeof v->unit, "%s", e->unit ? e->unit : "");
    snprintf(v->name, sizeof v->name, "%s", e->name ? e->name : "");
    snprintf(v->company, sizeof v->company, "%s", e->company ? e->company : "");
    snprintf(v->department, sizeof v->department, "%s", e->department ? e->department : "");
    snprintf(v->position, sizeof v->position, "%s", e->position ? e->position : "");
}

void demo_visit_to(fd_visit_form *f, const demo_visitee *v)
{
    f->unit_id = v->unit_id;
    f->person_id = v->id;
    f->company = v->company;
    f->department = v->department;
    f->visitee_name = v->name;
    f->visitee_position = v->position;
}
