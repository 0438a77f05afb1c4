/* The `struct` library scripts get on Valkey: struct.pack(fmt, ...),
 * struct.unpack(fmt, s[, pos]) and struct.size(fmt), with the sizes of the
 * 64-bit server (long and size_t are 8 bytes). Written for the fake.
 * Format: < > = endianness, ![n] alignment, x pad, b B h H l L T i[n] I[n]
 * integers, f d floats, s zero-terminated string, c[n] fixed string. */
#include <ctype.h>
#include <stdint.h>
#include <string.h>
#include "lauxlib.h"
#include "lua.h"

#define MAXINTSIZE 32
#define MAXALIGN 8

typedef struct {
  int little;
  int align;
} Header;

static int read_number(const char **fmt, int fallback) {
  if (!isdigit((unsigned char)**fmt)) return fallback;
  int a = 0;
  do a = a * 10 + *((*fmt)++) - '0';
  while (isdigit((unsigned char)**fmt) && a <= (0x7fffffff - 9) / 10);
  return a;
}

static size_t option_size(lua_State *L, char opt, const char **fmt) {
  switch (opt) {
    case 'B': case 'b': return 1;
    case 'H': case 'h': return 2;
    case 'L': case 'l': case 'T': return 8;
    case 'f': return 4;
    case 'd': return 8;
    case 'x': return 1;
    case 'c': return (size_t)read_number(fmt, 1);
    case 'i': case 'I': {
      int size = read_number(fmt, 4);
      if (size > MAXINTSIZE) luaL_error(L, "integral size %d is larger than limit of %d", size, MAXINTSIZE);
      return (size_t)size;
    }
    default: return 0;
  }
}

static int gettoalign(size_t len, Header *h, int opt, size_t size) {
  if (size == 0 || opt == 'c') return 0;
  if (size > (size_t)h->align) size = (size_t)h->align;
  return (int)((size - (len & (size - 1))) & (size - 1));
}

static void control(lua_State *L, int opt, const char **fmt, Header *h) {
  switch (opt) {
    case ' ': return;
    case '>': h->little = 0; return;
    case '<': h->little = 1; return;
    case '=': h->little = 1; return;
    case '!': {
      int a = read_number(fmt, MAXALIGN);
      if (a & (a - 1)) luaL_error(L, "alignment %d is not a power of 2", a);
      h->align = a;
      return;
    }
    default: luaL_error(L, "invalid format option '%c'", opt);
  }
}

static void put_integer(luaL_Buffer *b, lua_Number n, int little, int size) {
  char buf[MAXINTSIZE];
  /* Two's complement of the value, as the server's 64-bit conversion gives. */
  uint64_t value = n < 0 ? (uint64_t)(int64_t)n : (uint64_t)n;
  for (int i = 0; i < size; i++) {
    buf[little ? i : size - 1 - i] = (char)(i < 8 ? (value >> (8 * i)) & 0xff : (n < 0 ? 0xff : 0));
  }
  luaL_addlstring(b, buf, (size_t)size);
}

static void put_bytes(luaL_Buffer *b, const void *p, int size, int little) {
  char buf[8];
  memcpy(buf, p, (size_t)size);
  if (!little)
    for (int i = 0; i < size / 2; i++) {
      char t = buf[i];
      buf[i] = buf[size - 1 - i];
      buf[size - 1 - i] = t;
    }
  luaL_addlstring(b, buf, (size_t)size);
}

static int s_pack(lua_State *L) {
  luaL_Buffer b;
  Header h = {1, 1};
  const char *fmt = luaL_checkstring(L, 1);
  int arg = 2;
  size_t total = 0;
  lua_pushnil(L); /* mark to separate arguments from the buffer */
  luaL_buffinit(L, &b);
  while (*fmt != '\0') {
    int opt = *fmt++;
    size_t size = option_size(L, (char)opt, &fmt);
    int toalign = gettoalign(total, &h, opt, size);
    total += (size_t)toalign;
    while (toalign-- > 0) luaL_addchar(&b, '\0');
    switch (opt) {
      case 'b': case 'B': case 'h': case 'H': case 'l': case 'L': case 'T': case 'i': case 'I':
        put_integer(&b, luaL_checknumber(L, arg++), h.little, (int)size);
        break;
      case 'x': luaL_addchar(&b, '\0'); break;
      case 'f': {
        float f = (float)luaL_checknumber(L, arg++);
        put_bytes(&b, &f, 4, h.little);
        break;
      }
      case 'd': {
        double d = luaL_checknumber(L, arg++);
        put_bytes(&b, &d, 8, h.little);
        break;
      }
      case 'c': case 's': {
        size_t l;
        const char *s = luaL_checklstring(L, arg++, &l);
        if (size == 0) size = l;
        luaL_argcheck(L, l >= size, arg - 1, "string too short");
        luaL_addlstring(&b, s, size);
        if (opt == 's') {
          luaL_addchar(&b, '\0');
          size++;
        }
        break;
      }
      default: control(L, opt, &fmt, &h);
    }
    total += size;
  }
  luaL_pushresult(&b);
  return 1;
}

static lua_Number get_integer(const char *buf, int issigned, int little, int size) {
  uint64_t value = 0;
  for (int i = 0; i < size; i++) {
    value <<= 8;
    value |= (uint64_t)(unsigned char)buf[little ? size - i - 1 : i];
  }
  if (!issigned) return (lua_Number)value;
  if (size < 8) {
    uint64_t mask = (uint64_t)1 << (size * 8 - 1);
    return (lua_Number)(int64_t)((value ^ mask) - mask);
  }
  return (lua_Number)(int64_t)value;
}

static int s_unpack(lua_State *L) {
  Header h = {1, 1};
  const char *fmt = luaL_checkstring(L, 1);
  size_t ld;
  const char *data = luaL_checklstring(L, 2, &ld);
  size_t pos = (size_t)luaL_optinteger(L, 3, 1) - 1;
  luaL_argcheck(L, pos <= ld, 3, "offset must be 1 or greater");
  lua_settop(L, 2);
  while (*fmt) {
    int opt = *fmt++;
    size_t size = option_size(L, (char)opt, &fmt);
    pos += (size_t)gettoalign(pos, &h, opt, size);
    luaL_argcheck(L, pos + size <= ld, 2, "data string too short");
    luaL_checkstack(L, 2, "too many results");
    switch (opt) {
      case 'b': case 'B': case 'h': case 'H': case 'l': case 'L': case 'T': case 'i': case 'I':
        lua_pushnumber(L, get_integer(data + pos, islower(opt), h.little, (int)size));
        break;
      case 'x': break;
      case 'f': {
        float f;
        char buf[4];
        memcpy(buf, data + pos, 4);
        if (!h.little) { char t = buf[0]; buf[0] = buf[3]; buf[3] = t; t = buf[1]; buf[1] = buf[2]; buf[2] = t; }
        memcpy(&f, buf, 4);
        lua_pushnumber(L, f);
        break;
      }
      case 'd': {
        double d;
        char buf[8];
        memcpy(buf, data + pos, 8);
        if (!h.little)
          for (int i = 0; i < 4; i++) { char t = buf[i]; buf[i] = buf[7 - i]; buf[7 - i] = t; }
        memcpy(&d, buf, 8);
        lua_pushnumber(L, d);
        break;
      }
      case 'c': {
        if (size == 0) {
          if (lua_gettop(L) < 3 || !lua_isnumber(L, -1)) luaL_error(L, "format 'c0' needs a previous size");
          size = (size_t)lua_tonumber(L, -1);
          lua_pop(L, 1);
          luaL_argcheck(L, pos + size <= ld, 2, "data string too short");
        }
        lua_pushlstring(L, data + pos, size);
        break;
      }
      case 's': {
        const char *e = memchr(data + pos, '\0', ld - pos);
        if (e == NULL) luaL_error(L, "unfinished string in data");
        size = (size_t)(e - (data + pos)) + 1;
        lua_pushlstring(L, data + pos, size - 1);
        break;
      }
      default: control(L, opt, &fmt, &h);
    }
    pos += size;
  }
  lua_pushinteger(L, (lua_Integer)pos + 1);
  return lua_gettop(L) - 2;
}

static int s_size(lua_State *L) {
  Header h = {1, 1};
  const char *fmt = luaL_checkstring(L, 1);
  size_t pos = 0;
  while (*fmt) {
    int opt = *fmt++;
    size_t size = option_size(L, (char)opt, &fmt);
    pos += (size_t)gettoalign(pos, &h, opt, size);
    if (opt == 's') luaL_argerror(L, 1, "options 's' has no fixed size");
    else if (opt == 'c' && size == 0) luaL_argerror(L, 1, "options 'c0' has no fixed size");
    if (!isalnum(opt)) control(L, opt, &fmt, &h);
    pos += size;
  }
  lua_pushinteger(L, (lua_Integer)pos);
  return 1;
}

static const luaL_Reg FUNCTIONS[] = {{"pack", s_pack}, {"unpack", s_unpack}, {"size", s_size}, {NULL, NULL}};

int luaopen_struct(lua_State *L) {
  luaL_register(L, "struct", FUNCTIONS);
  return 1;
}
