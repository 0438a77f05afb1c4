/* The `cmsgpack` library scripts get on Valkey: pack(...) encodes each value as
 * MessagePack (integers in their smallest form, floats as float32 when exact,
 * tables as arrays when their keys are 1..n, else maps), unpack(s) decodes all
 * values, unpack_one(s[, offset]) and unpack_limit(s, limit[, offset]) decode
 * some and return the next offset (-1 at the end). Written for the fake. */
#include <math.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include "lauxlib.h"
#include "lua.h"

#define MAX_NESTING 16

/* Its own buffer: luaL_Buffer keeps pieces on the Lua stack, under the values being encoded. */
typedef struct {
  char *data;
  size_t length, capacity;
} MBuf;

static void put(MBuf *b, const void *p, size_t n) {
  if (b->length + n > b->capacity) {
    size_t capacity = b->capacity ? b->capacity * 2 : 64;
    while (capacity < b->length + n) capacity *= 2;
    b->data = realloc(b->data, capacity);
    b->capacity = capacity;
  }
  memcpy(b->data + b->length, p, n);
  b->length += n;
}
static void put_be(MBuf *b, uint8_t tag, uint64_t v, int bytes) {
  uint8_t tmp[9];
  tmp[0] = tag;
  for (int i = 0; i < bytes; i++) tmp[1 + i] = (uint8_t)(v >> (8 * (bytes - 1 - i)));
  put(b, tmp, (size_t)bytes + 1);
}

static void encode_int(MBuf *b, int64_t n) {
  if (n >= 0) {
    if (n <= 127) put_be(b, (uint8_t)n, 0, 0);
    else if (n <= 0xff) put_be(b, 0xcc, (uint64_t)n, 1);
    else if (n <= 0xffff) put_be(b, 0xcd, (uint64_t)n, 2);
    else if (n <= 0xffffffffLL) put_be(b, 0xce, (uint64_t)n, 4);
    else put_be(b, 0xcf, (uint64_t)n, 8);
  } else {
    if (n >= -32) put_be(b, (uint8_t)(int8_t)n, 0, 0);
    else if (n >= -128) put_be(b, 0xd0, (uint64_t)n, 1);
    else if (n >= -32768) put_be(b, 0xd1, (uint64_t)n, 2);
    else if (n >= -2147483648LL) put_be(b, 0xd2, (uint64_t)n, 4);
    else put_be(b, 0xd3, (uint64_t)n, 8);
  }
}

static void encode_number(MBuf *b, lua_Number n) {
  if (n == floor(n) && !isinf(n) && n >= -9223372036854775808.0 && n < 9223372036854775808.0) {
    encode_int(b, (int64_t)n);
    return;
  }
  float f = (float)n;
  if ((lua_Number)f == n) {
    uint32_t bits;
    memcpy(&bits, &f, 4);
    put_be(b, 0xca, bits, 4);
  } else {
    uint64_t bits;
    memcpy(&bits, &n, 8);
    put_be(b, 0xcb, bits, 8);
  }
}

/* Array when the keys are exactly 1..n; returns n, or -1 for a map (count in *count). */
static long table_array_length(lua_State *L, long *count) {
  long keys = 0;
  lua_Number max = 0;
  int array = 1;
  lua_pushnil(L);
  while (lua_next(L, -2)) {
    lua_pop(L, 1);
    keys++;
    if (lua_type(L, -1) == LUA_TNUMBER) {
      lua_Number k = lua_tonumber(L, -1);
      if (k > 0 && k == floor(k)) {
        if (k > max) max = k;
        continue;
      }
    }
    array = 0;
  }
  *count = keys;
  return array && max == keys ? keys : -1;
}

static void encode(lua_State *L, MBuf *b, int level);

static void encode_table(lua_State *L, MBuf *b, int level) {
  long count;
  long length = table_array_length(L, &count);
  if (length >= 0) {
    if (length <= 15) put_be(b, (uint8_t)(0x90 | length), 0, 0);
    else if (length <= 0xffff) put_be(b, 0xdc, (uint64_t)length, 2);
    else put_be(b, 0xdd, (uint64_t)length, 4);
    for (long i = 1; i <= length; i++) {
      lua_rawgeti(L, -1, (int)i);
      encode(L, b, level + 1);
      lua_pop(L, 1);
    }
    return;
  }
  if (count <= 15) put_be(b, (uint8_t)(0x80 | count), 0, 0);
  else if (count <= 0xffff) put_be(b, 0xde, (uint64_t)count, 2);
  else put_be(b, 0xdf, (uint64_t)count, 4);
  lua_pushnil(L);
  while (lua_next(L, -2)) {
    lua_pushvalue(L, -2);
    encode(L, b, level + 1);
    lua_pop(L, 1);
    encode(L, b, level + 1);
    lua_pop(L, 1);
  }
}

/* Encodes the value on top of the stack (left there). */
static void encode(lua_State *L, MBuf *b, int level) {
  luaL_checkstack(L, 4, "cmsgpack: nesting too deep");
  switch (lua_type(L, -1)) {
    case LUA_TSTRING: {
      size_t n;
      const char *s = lua_tolstring(L, -1, &n);
      if (n < 32) put_be(b, (uint8_t)(0xa0 | n), 0, 0);
      else if (n <= 0xff) put_be(b, 0xd9, n, 1);
      else if (n <= 0xffff) put_be(b, 0xda, n, 2);
      else put_be(b, 0xdb, n, 4);
      put(b, s, n);
      break;
    }
    case LUA_TBOOLEAN: put_be(b, lua_toboolean(L, -1) ? 0xc3 : 0xc2, 0, 0); break;
    case LUA_TNUMBER: encode_number(b, lua_tonumber(L, -1)); break;
    case LUA_TTABLE:
      if (level < MAX_NESTING) encode_table(L, b, level);
      else put_be(b, 0xc0, 0, 0);
      break;
    default: put_be(b, 0xc0, 0, 0);
  }
}

static int mp_pack(lua_State *L) {
  int argc = lua_gettop(L);
  if (argc == 0) return luaL_argerror(L, 0, "MessagePack pack needs input.");
  MBuf b = {0};
  for (int i = 1; i <= argc; i++) {
    lua_pushvalue(L, i);
    encode(L, &b, 0);
    lua_pop(L, 1);
  }
  lua_pushlstring(L, b.data, b.length);
  free(b.data);
  return 1;
}

typedef struct {
  const uint8_t *p;
  size_t left;
  int error; /* 1 missing bytes, 2 bad data */
} Cursor;

static uint64_t take_be(Cursor *c, int bytes) {
  uint64_t v = 0;
  if (c->left < (size_t)bytes) {
    c->error = 1;
    return 0;
  }
  for (int i = 0; i < bytes; i++) v = (v << 8) | c->p[i];
  c->p += bytes;
  c->left -= (size_t)bytes;
  return v;
}

static void decode(lua_State *L, Cursor *c);

static void decode_string(lua_State *L, Cursor *c, size_t n) {
  if (c->left < n) {
    c->error = 1;
    lua_pushnil(L);
    return;
  }
  lua_pushlstring(L, (const char *)c->p, n);
  c->p += n;
  c->left -= n;
}
static void decode_array(lua_State *L, Cursor *c, size_t n) {
  lua_newtable(L);
  for (size_t i = 1; i <= n && !c->error; i++) {
    decode(L, c);
    lua_rawseti(L, -2, (int)i);
  }
}
static void decode_map(lua_State *L, Cursor *c, size_t n) {
  lua_newtable(L);
  for (size_t i = 0; i < n && !c->error; i++) {
    decode(L, c);
    decode(L, c);
    if (lua_isnil(L, -2)) lua_pop(L, 2);
    else lua_rawset(L, -3);
  }
}

static void decode(lua_State *L, Cursor *c) {
  luaL_checkstack(L, 4, "cmsgpack: nesting too deep");
  if (c->left == 0) {
    c->error = 1;
    lua_pushnil(L);
    return;
  }
  uint8_t tag = *c->p++;
  c->left--;
  if (tag <= 0x7f) lua_pushnumber(L, tag);
  else if (tag >= 0xe0) lua_pushnumber(L, (int8_t)tag);
  else if ((tag & 0xe0) == 0xa0) decode_string(L, c, tag & 0x1f);
  else if ((tag & 0xf0) == 0x90) decode_array(L, c, tag & 0x0f);
  else if ((tag & 0xf0) == 0x80) decode_map(L, c, tag & 0x0f);
  else switch (tag) {
      case 0xc0: lua_pushnil(L); break;
      case 0xc2: lua_pushboolean(L, 0); break;
      case 0xc3: lua_pushboolean(L, 1); break;
      case 0xcc: lua_pushnumber(L, (lua_Number)take_be(c, 1)); break;
      case 0xcd: lua_pushnumber(L, (lua_Number)take_be(c, 2)); break;
      case 0xce: lua_pushnumber(L, (lua_Number)take_be(c, 4)); break;
      case 0xcf: lua_pushnumber(L, (lua_Number)take_be(c, 8)); break;
      case 0xd0: lua_pushnumber(L, (int8_t)take_be(c, 1)); break;
      case 0xd1: lua_pushnumber(L, (int16_t)take_be(c, 2)); break;
      case 0xd2: lua_pushnumber(L, (int32_t)take_be(c, 4)); break;
      case 0xd3: lua_pushnumber(L, (lua_Number)(int64_t)take_be(c, 8)); break;
      case 0xca: {
        uint32_t bits = (uint32_t)take_be(c, 4);
        float f;
        memcpy(&f, &bits, 4);
        lua_pushnumber(L, f);
        break;
      }
      case 0xcb: {
        uint64_t bits = take_be(c, 8);
        double d;
        memcpy(&d, &bits, 8);
        lua_pushnumber(L, d);
        break;
      }
      case 0xd9: case 0xc4: { size_t n = (size_t)take_be(c, 1); decode_string(L, c, n); break; }
      case 0xda: case 0xc5: { size_t n = (size_t)take_be(c, 2); decode_string(L, c, n); break; }
      case 0xdb: case 0xc6: { size_t n = (size_t)take_be(c, 4); decode_string(L, c, n); break; }
      case 0xdc: { size_t n = (size_t)take_be(c, 2); decode_array(L, c, n); break; }
      case 0xdd: { size_t n = (size_t)take_be(c, 4); decode_array(L, c, n); break; }
      case 0xde: { size_t n = (size_t)take_be(c, 2); decode_map(L, c, n); break; }
      case 0xdf: { size_t n = (size_t)take_be(c, 4); decode_map(L, c, n); break; }
      default: lua_pushnil(L); c->error = 2;
    }
}

/* Decodes up to `limit` values (0 = all) from `offset`; pushes next offset then values. */
static int unpack_from(lua_State *L, const char *s, size_t n, long limit, long offset, int with_offset) {
  if (offset < 0 || (size_t)offset > n) return luaL_error(L, "Start offset %d greater than input length %d.", (int)offset, (int)n);
  Cursor c = {(const uint8_t *)s + offset, n - (size_t)offset, 0};
  int count = 0;
  if (with_offset) lua_pushnil(L); /* placeholder for the next offset */
  int base = lua_gettop(L);
  while (c.left > 0 && (limit == 0 || count < limit)) {
    decode(L, &c);
    if (c.error) {
      lua_settop(L, base);
      return luaL_error(L, c.error == 1 ? "Missing bytes in input." : "Bad data format in input.");
    }
    count++;
  }
  if (with_offset) {
    lua_pushnumber(L, c.left == 0 ? -1 : (lua_Number)(n - c.left));
    lua_replace(L, base);
    return count + 1;
  }
  return count;
}

static int mp_unpack(lua_State *L) {
  size_t n;
  const char *s = luaL_checklstring(L, 1, &n);
  return unpack_from(L, s, n, 0, 0, 0);
}
static int mp_unpack_one(lua_State *L) {
  size_t n;
  const char *s = luaL_checklstring(L, 1, &n);
  long offset = luaL_optlong(L, 2, 0);
  lua_settop(L, 0);
  return unpack_from(L, s, n, 1, offset, 1);
}
static int mp_unpack_limit(lua_State *L) {
  size_t n;
  const char *s = luaL_checklstring(L, 1, &n);
  long limit = luaL_checklong(L, 2);
  long offset = luaL_optlong(L, 3, 0);
  lua_settop(L, 0);
  return unpack_from(L, s, n, limit, offset, 1);
}

static const luaL_Reg FUNCTIONS[] = {{"pack", mp_pack}, {"unpack", mp_unpack},
                                     {"unpack_one", mp_unpack_one},
                                     {"unpack_limit", mp_unpack_limit}, {NULL, NULL}};

int luaopen_cmsgpack(lua_State *L) {
  luaL_register(L, "cmsgpack", FUNCTIONS);
  lua_pushliteral(L, "lua-cmsgpack 0.4.0");
  lua_setfield(L, -2, "_VERSION");
  return 1;
}
