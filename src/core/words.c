/*
 * words owns how a code is named in Chinese, one table per code, indexed by
 * the enum and checked complete at compile time: adding a room type or a
 * status without its word does not build.
 */
#include "frontdesk/words.h"

#include <assert.h>

#define ARRAY_LEN(a) (sizeof(a) / sizeof((a)[0]))

static const char *const gender_words[] = {
    [GENDER_UNKNOWN] = "",
    [GENDER_MALE] = "男",
    [GENDER_FEMALE] = "女",
};

static const char *const status_words[] = {
    [REG_APPROVED] = "已通过",
    [REG_PENDING] = "待审核",
    [REG_REJECTED] = "未通过",
};

static const char *const request_words[] = {
    [ROOM_NONE] = "不住宿",
    [ROOM_KING] = "大床房",
    [ROOM_TWIN_SINGLE] = "双床单住",
    [ROOM_BED] = "合住床位",
};

static const char *const kind_words[] = {
    [ROOMKIND_KING] = "大床房",
    [ROOMKIND_TWIN] = "双床房",
};

static_assert(ARRAY_LEN(gender_words) == GENDER_FEMALE + 1, "a gender without a word");
static_assert(ARRAY_LEN(status_words) == REG_REJECTED + 1, "a status without a word");
static_assert(ARRAY_LEN(request_words) == ROOM_BED + 1, "a room request without a word");
static_assert(ARRAY_LEN(kind_words) == ROOMKIND_TWIN + 1, "a room type without a word");

/* Indexes a table, "" for a value outside it (a corrupt row must not crash a sheet). */
static const char *word(const char *const *table, size_t n, unsigned index)
{
	return index < n && table[index] != NULL ? table[index] : "";
}

const char *words_gender(enum gender g)
{
	return word(gender_words, ARRAY_LEN(gender_words), (unsigned)g);
}

const char *words_reg_status(enum reg_status s, bool withdrawn)
{
	return withdrawn ? "已退出" : word(status_words, ARRAY_LEN(status_words), (unsigned)s);
}

const char *words_room_request(enum room_request r)
{
	return word(request_words, ARRAY_LEN(request_words), (unsigned)r);
}

const char *words_room_kind(enum room_kind k)
{
	return word(kind_words, ARRAY_LEN(kind_words), (unsigned)k);
}

const char *words_yes_no(bool yes)
{
	return yes ? "是" : "否";
}
