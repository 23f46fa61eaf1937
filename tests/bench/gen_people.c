/* The visitor population: see gen_people.h. */
#include "gen_people.h"

#include <stdio.h>
#include <string.h>

#define COUNT(a) (sizeof (a) / sizeof (a)[0])

/* The common surnames with their rough shares (per ten thousand people): a name
 * search for 王 or 李 has to page through a large part of the history, as it would. */
static const struct {
    const char *name;
    unsigned weight;
} surnames[] = {
    {"王", 710}, {"李", 700}, {"张", 660}, {"刘", 540}, {"陈", 450}, {"杨", 310}, {"黄", 230},
    {"赵", 220}, {"吴", 200}, {"周", 190}, {"徐", 160}, {"孙", 150}, {"马", 140}, {"朱", 130},
    {"胡", 120}, {"郭", 115}, {"何", 110}, {"高", 105}, {"林", 100}, {"罗", 95},  {"郑", 90},
    {"梁", 85},  {"谢", 80},  {"宋", 75},  {"唐", 72},  {"许", 70},  {"韩", 68},  {"冯", 66},
    {"邓", 64},  {"曹", 62},  {"彭", 60},  {"曾", 58},  {"肖", 56},  {"田", 54},  {"董", 52},
    {"袁", 50},  {"潘", 48},  {"于", 46},  {"蒋", 45},  {"蔡", 44},  {"余", 43},  {"杜", 42},
    {"叶", 41},  {"程", 40},  {"苏", 39},  {"魏", 38},  {"吕", 37},  {"丁", 36},  {"任", 35},
    {"沈", 34},  {"姚", 33},  {"卢", 32},  {"姜", 31},  {"崔", 30},  {"钟", 29},  {"谭", 28},
    {"陆", 27},  {"汪", 26},  {"范", 25},  {"金", 24},  {"石", 23},  {"廖", 22},  {"贾", 21},
    {"夏", 20},  {"韦", 19},  {"付", 18},  {"方", 17},  {"白", 16},  {"邹", 15},  {"孟", 14},
    {"熊", 13},  {"秦", 12},  {"邱", 11},  {"江", 10},  {"尹", 9},   {"薛", 8},   {"闫", 7},
    {"段", 6},   {"雷", 5},   {"欧阳", 3}, {"上官", 1}, {"司马", 1}, {"诸葛", 1},
};

static const char *const given[] = {
    "伟", "芳", "娜", "敏", "静", "丽", "强", "磊", "军", "洋", "勇", "艳", "杰", "娟", "涛",
    "明", "超", "秀", "霞", "平", "刚", "桂", "英", "华", "玉", "萍", "红", "建", "国", "文",
    "辉", "力", "斌", "波", "宇", "浩", "凯", "鹏", "俊", "帅", "鑫", "欣", "怡", "婷", "雪",
    "琳", "晶", "丹", "玲", "倩", "颖", "慧", "瑶", "佳", "梦", "雨", "晨", "阳", "博", "然",
    "轩", "子", "涵", "睿", "思", "嘉", "一", "诺", "宁", "安", "志", "海", "东", "春", "秋",
    "冬", "梅", "兰", "竹", "松", "林", "森", "峰", "岩", "泽", "清", "源", "航", "飞", "鸿",
    "燕", "莉", "荣", "新", "永", "成", "宏", "德", "福", "贵", "祥", "瑞", "庆", "学", "良",
};

/* Real county codes, so the identity numbers look like the ones a desk sees. */
static const char *const regions[] = {
    "110101", "110102", "110105", "110106", "110108", "110114", "110115", "120101", "120104",
    "130102", "130104", "140105", "210102", "210202", "220102", "230102", "310101", "310104",
    "310105", "310112", "310115", "320102", "320106", "320505", "330102", "330106", "330212",
    "340104", "350102", "350203", "360102", "370102", "370202", "410105", "420102", "420106",
    "430102", "440103", "440106", "440304", "440305", "450103", "500103", "510104", "510107",
    "520102", "530102", "610103", "620102", "650102",
};

static const char *const mobile_prefixes[] = {
    "130", "131", "132", "133", "135", "136", "137", "138", "139", "150", "151", "152",
    "155", "156", "157", "158", "159", "166", "176", "177", "180", "181", "182", "183",
    "185", "186", "187", "188", "189", "191", "198", "199",
};

/* splitmix64's finaliser: a person's attributes are a function of (seed, number). */
static uint64_t mix(uint64_t z)
{
    z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9u;
    z = (z ^ (z >> 27)) * 0x94D049BB133111EBu;
    return z ^ (z >> 31);
}

gen_people gen_people_for(uint64_t seed, int64_t visits)
{
    int64_t count = visits / 4;
    return (gen_people){seed, (uint32_t)(count < 2000 ? 2000 : count)};
}

/* A surname from bits, weighted as in the population. */
static const char *surname_from(uint64_t bits)
{
    unsigned total = 0;
    for (size_t i = 0; i < COUNT(surnames); i++)
        total += surnames[i].weight;
    unsigned pick = (unsigned)(bits % total);
    for (size_t i = 0; i < COUNT(surnames); i++) {
        if (pick < surnames[i].weight)
            return surnames[i].name;
        pick -= surnames[i].weight;
    }
    return surnames[0].name;
}

void gen_name_from(uint64_t bits, char out[32])
{
    const char *surname = surname_from(bits);
    bits = mix(bits);
    const char *first = given[bits % COUNT(given)];
    /* One person in four has a one-character given name. */
    if ((bits >> 16) % 4 == 0)
        snprintf(out, 32, "%s%s", surname, first);
    else
        snprintf(out, 32, "%s%s%s", surname, first, given[(bits >> 24) % COUNT(given)]);
}

void gen_mobile_from(uint64_t bits, char out[16])
{
    snprintf(out, 16, "%s%08u", mobile_prefixes[bits % COUNT(mobile_prefixes)],
             (unsigned)((bits >> 8) % 100000000u));
}

/* GB 11643: region, birth date, sequence, check digit. */
static void resident_id(uint64_t bits, char out[24])
{
    static const int weights[17] = {7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2};
    static const char check[] = "10X98765432";
    snprintf(out, 24, "%s%04u%02u%02u%03u", regions[bits % COUNT(regions)],
             (unsigned)(1950 + (bits >> 8) % 56), (unsigned)(1 + (bits >> 16) % 12),
             (unsigned)(1 + (bits >> 20) % 28), (unsigned)((bits >> 28) % 1000));
    int sum = 0;
    for (int i = 0; i < 17; i++)
        sum += (out[i] - '0') * weights[i];
    out[17] = check[sum % 11];
    out[18] = '\0';
}

void gen_person_get(const gen_people *p, uint32_t index, gen_person *out)
{
    uint64_t bits = mix(p->seed ^ (0x9E3779B97F4A7C15u * (index + 1)));
    gen_name_from(bits, out->name);
    uint64_t doc = mix(bits + 1);
    unsigned kind = (unsigned)(doc % 100);
    if (kind < 4) {
        out->doc_type = FD_DOC_PASSPORT;
        snprintf(out->doc, sizeof out->doc, "E%08u", (unsigned)((doc >> 8) % 100000000u));
    } else if (kind < 7) {
        out->doc_type = FD_DOC_HK_MACAU;
        snprintf(out->doc, sizeof out->doc, "%c%08u", (doc >> 40) % 3 ? 'H' : 'M',
                 (unsigned)((doc >> 8) % 100000000u));
    } else if (kind < 8) {
        out->doc_type = FD_DOC_TAIWAN;
        snprintf(out->doc, sizeof out->doc, "%08u", (unsigned)((doc >> 8) % 100000000u));
    } else {
        out->doc_type = FD_DOC_RESIDENT_ID;
        resident_id(doc >> 8, out->doc);
    }
    gen_mobile_from(mix(bits + 2), out->phone);
}
