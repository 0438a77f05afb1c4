/*
 * The bridge between the fake server (JavaScript) and Lua 5.1: one Lua state
 * per wasm instance, set up as Valkey sets up its scripting engine (the
 * `redis` table, the sandboxed globals, deterministic math.random), scripts
 * compiled once and run in a coroutine so a count hook can hand control back
 * to JavaScript (busy-reply-threshold, SCRIPT KILL). Replies cross the
 * boundary as RESP bytes both ways: the server encodes command replies in the
 * script's protocol, this file turns them into Lua values, and turns the
 * script's result into RESP for the caller's protocol.
 */
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "lauxlib.h"
#include "lua.h"
#include "lualib.h"
#include "lstate.h"

#define EXPORT(name) __attribute__((export_name(#name)))
#define IMPORT(name) __attribute__((import_module("petrel"), import_name(#name)))

/* Runs a command for a script; `mode` 0 = call, 1 = pcall, 2 = acl_check_cmd.
 * Writes the RESP reply through pl_reply_space and returns its length. */
IMPORT(call) extern int js_call(const uint8_t *args, int length, int argc, int resp, int mode);
/* 0 = go on, 1 = yield to the event loop, 2 = killed. */
IMPORT(hook) extern int js_hook(void);
IMPORT(sha1hex) extern void js_sha1hex(const char *data, int length, char *out40);
IMPORT(log) extern void js_log(int level, const char *message, int length);
/* An error outside any protected call: the state is unusable, the server starts a new one. */
IMPORT(panic) extern void js_panic(const char *message);
/* Library registration: name, callback kept in the registry by the glue. */
IMPORT(register_function)
extern int js_register_function(const char *name, int name_length, int flags,
                                const char *description, int description_length);

int luaopen_cjson(lua_State *L);
int luaopen_bit(lua_State *L);
int luaopen_struct(lua_State *L);
int luaopen_cmsgpack(lua_State *L);

static lua_State *vm;
static lua_State *running; /* the coroutine of the script being run, if any */
static int running_ref = LUA_NOREF;
static int lua_resp = 2;
static int caller_resp = 2;
static char running_name[256];

/* ---- growable buffers ---- */
typedef struct {
  uint8_t *data;
  size_t length, capacity;
} Buffer;

static Buffer out, args_buf, reply_buf;

static void buf_reserve(Buffer *b, size_t extra) {
  if (b->length + extra <= b->capacity) return;
  size_t capacity = b->capacity ? b->capacity : 256;
  while (capacity < b->length + extra) capacity *= 2;
  b->data = realloc(b->data, capacity);
  b->capacity = capacity;
}
static void buf_put(Buffer *b, const void *data, size_t length) {
  buf_reserve(b, length);
  memcpy(b->data + b->length, data, length);
  b->length += length;
}
static void buf_str(Buffer *b, const char *s) { buf_put(b, s, strlen(s)); }
static void buf_fmt(Buffer *b, const char *fmt, long long value) {
  char tmp[64];
  int n = snprintf(tmp, sizeof tmp, fmt, value);
  buf_put(b, tmp, (size_t)n);
}

EXPORT(pl_malloc) void *pl_malloc(size_t n) { return malloc(n); }
EXPORT(pl_free) void pl_free(void *p) { free(p); }
EXPORT(pl_out_ptr) uint8_t *pl_out_ptr(void) { return out.data; }
EXPORT(pl_out_len) int pl_out_len(void) { return (int)out.length; }
/* JavaScript writes a command's reply here (see js_call). */
EXPORT(pl_reply_space) uint8_t *pl_reply_space(int n) {
  reply_buf.length = 0;
  buf_reserve(&reply_buf, (size_t)n);
  return reply_buf.data;
}
EXPORT(pl_args_space) uint8_t *pl_args_space(int n) {
  args_buf.length = 0;
  buf_reserve(&args_buf, (size_t)n);
  return args_buf.data;
}

/* ---- deterministic math.random, the 48-bit generator the server uses ---- */
static uint64_t rand_state = 0x1234ABCD330EULL;
static void rand_seed(int32_t seed) { rand_state = (((uint64_t)(uint32_t)seed) << 16) | 0x330E; }
static int32_t rand_next(void) {
  rand_state = (rand_state * 0x5DEECE66DULL + 0xB) & 0xFFFFFFFFFFFFULL;
  return (int32_t)(rand_state >> 17);
}
static int math_random(lua_State *L) {
  lua_Number r = (lua_Number)(rand_next() % 2147483647) / (lua_Number)2147483647;
  switch (lua_gettop(L)) {
    case 0: lua_pushnumber(L, r); break;
    case 1: {
      int u = luaL_checkint(L, 1);
      luaL_argcheck(L, 1 <= u, 1, "interval is empty");
      lua_pushnumber(L, floor(r * u) + 1);
      break;
    }
    case 2: {
      int l = luaL_checkint(L, 1), u = luaL_checkint(L, 2);
      luaL_argcheck(L, l <= u, 2, "interval is empty");
      lua_pushnumber(L, floor(r * (u - l + 1)) + l);
      break;
    }
    default: return luaL_error(L, "wrong number of arguments");
  }
  return 1;
}
static int math_randomseed(lua_State *L) {
  rand_seed(luaL_checkint(L, 1));
  return 0;
}

/* ---- RESP (from the server) to Lua ---- */
static const uint8_t *resp_line_end(const uint8_t *p) {
  while (*p != '\r') p++;
  return p;
}
static long long resp_int(const uint8_t *p, const uint8_t *end) {
  long long v = 0;
  int neg = 0;
  if (*p == '-') neg = 1, p++;
  while (p < end) v = v * 10 + (*p++ - '0');
  return neg ? -v : v;
}

static const uint8_t *resp_to_lua(lua_State *L, const uint8_t *p);

static const uint8_t *resp_aggregate(lua_State *L, const uint8_t *p, long long n) {
  lua_newtable(L);
  for (long long i = 0; i < n; i++) {
    p = resp_to_lua(L, p);
    lua_rawseti(L, -2, (int)i + 1);
  }
  return p;
}

static const uint8_t *resp_to_lua(lua_State *L, const uint8_t *p) {
  uint8_t type = *p++;
  const uint8_t *end = resp_line_end(p);
  luaL_checkstack(L, 4, "reached lua stack limit");
  switch (type) {
    case ':': lua_pushnumber(L, (lua_Number)resp_int(p, end)); return end + 2;
    case '$': {
      long long n = resp_int(p, end);
      if (n < 0) {
        lua_pushboolean(L, 0);
        return end + 2;
      }
      lua_pushlstring(L, (const char *)end + 2, (size_t)n);
      return end + 2 + n + 2;
    }
    case '+':
      lua_newtable(L);
      lua_pushlstring(L, (const char *)p, (size_t)(end - p));
      lua_setfield(L, -2, "ok");
      return end + 2;
    case '-':
      lua_newtable(L);
      lua_pushlstring(L, (const char *)p, (size_t)(end - p));
      lua_setfield(L, -2, "err");
      return end + 2;
    case '*':
    case '>': {
      long long n = resp_int(p, end);
      if (n < 0) {
        lua_pushboolean(L, 0);
        return end + 2;
      }
      return resp_aggregate(L, end + 2, n);
    }
    case '%': {
      long long n = resp_int(p, end);
      p = end + 2;
      lua_newtable(L);
      lua_newtable(L);
      for (long long i = 0; i < n; i++) {
        p = resp_to_lua(L, p);
        p = resp_to_lua(L, p);
        lua_rawset(L, -3);
      }
      lua_setfield(L, -2, "map");
      return p;
    }
    case '~': {
      long long n = resp_int(p, end);
      p = end + 2;
      lua_newtable(L);
      lua_newtable(L);
      for (long long i = 0; i < n; i++) {
        p = resp_to_lua(L, p);
        lua_pushboolean(L, 1);
        lua_rawset(L, -3);
      }
      lua_setfield(L, -2, "set");
      return p;
    }
    case '_': lua_pushnil(L); return end + 2;
    case '#': lua_pushboolean(L, *p == 't'); return end + 2;
    case ',': {
      char tmp[128];
      size_t n = (size_t)(end - p) < sizeof tmp - 1 ? (size_t)(end - p) : sizeof tmp - 1;
      memcpy(tmp, p, n);
      tmp[n] = 0;
      lua_newtable(L);
      lua_pushnumber(L, strtod(tmp, NULL));
      lua_setfield(L, -2, "double");
      return end + 2;
    }
    case '(':
      lua_newtable(L);
      lua_pushlstring(L, (const char *)p, (size_t)(end - p));
      lua_setfield(L, -2, "big_number");
      return end + 2;
    case '=': {
      long long n = resp_int(p, end);
      const uint8_t *s = end + 2;
      lua_newtable(L);
      lua_newtable(L);
      lua_pushlstring(L, (const char *)s, 3);
      lua_setfield(L, -2, "format");
      lua_pushlstring(L, (const char *)s + 4, (size_t)n - 4);
      lua_setfield(L, -2, "string");
      lua_setfield(L, -2, "verbatim_string");
      return s + n + 2;
    }
    case '|': {
      long long n = resp_int(p, end);
      p = end + 2;
      /* Attributes are skipped: parse and drop them. */
      for (long long i = 0; i < 2 * n; i++) {
        p = resp_to_lua(L, p);
        lua_pop(L, 1);
      }
      return resp_to_lua(L, p);
    }
    default: lua_pushnil(L); return end + 2;
  }
}

/* ---- Lua (the script's result) to RESP for the caller ---- */
static void put_bulk(Buffer *b, const char *s, size_t n) {
  buf_fmt(b, "$%lld\r\n", (long long)n);
  buf_put(b, s, n);
  buf_str(b, "\r\n");
}
static void put_null(Buffer *b) { buf_str(b, caller_resp == 2 ? "$-1\r\n" : "_\r\n"); }
/* Error and status lines cannot hold CR or LF: the server turns them into spaces. */
static void put_line(Buffer *b, const char *s, size_t n) {
  size_t start = b->length;
  buf_put(b, s, n);
  for (size_t i = start; i < b->length; i++)
    if (b->data[i] == '\r' || b->data[i] == '\n') b->data[i] = ' ';
  buf_str(b, "\r\n");
}
static long long to_integer(lua_Number n) {
  /* x86's conversion: NaN and out-of-range values become INT64_MIN. */
  if (!(n >= -9223372036854775808.0 && n < 9223372036854775808.0)) return INT64_MIN;
  return (long long)n;
}
static void put_double(Buffer *b, double d) {
  char tmp[64];
  if (isinf(d)) strcpy(tmp, d > 0 ? "inf" : "-inf");
  else snprintf(tmp, sizeof tmp, "%.17g", d);
  if (caller_resp == 3) {
    buf_str(b, ",");
    buf_str(b, tmp);
    buf_str(b, "\r\n");
  } else put_bulk(b, tmp, strlen(tmp));
}

/* Pushes t[field] and returns whether it has the given type (popping it otherwise). */
static int field_of_type(lua_State *L, int t, const char *field, int type) {
  lua_pushstring(L, field);
  lua_rawget(L, t);
  if (lua_type(L, -1) == type) return 1;
  lua_pop(L, 1);
  return 0;
}

static void lua_to_resp(lua_State *L, Buffer *b, int depth) {
  int t = lua_gettop(L);
  switch (lua_type(L, -1)) {
    case LUA_TSTRING: {
      size_t n;
      const char *s = lua_tolstring(L, -1, &n);
      put_bulk(b, s, n);
      break;
    }
    case LUA_TBOOLEAN:
      if (lua_resp == 2) {
        if (lua_toboolean(L, -1)) buf_str(b, ":1\r\n");
        else put_null(b);
      } else if (caller_resp == 3) buf_str(b, lua_toboolean(L, -1) ? "#t\r\n" : "#f\r\n");
      else buf_str(b, lua_toboolean(L, -1) ? ":1\r\n" : ":0\r\n");
      break;
    case LUA_TNUMBER: buf_fmt(b, ":%lld\r\n", to_integer(lua_tonumber(L, -1))); break;
    case LUA_TTABLE: {
      if (depth > 1000 || !lua_checkstack(L, 4)) {
        buf_str(b, "-ERR reached lua stack limit\r\n");
        break;
      }
      if (field_of_type(L, t, "err", LUA_TSTRING)) {
        size_t n;
        const char *s = lua_tolstring(L, -1, &n);
        buf_str(b, "-");
        put_line(b, s, n);
        lua_pop(L, 1);
        break;
      }
      if (field_of_type(L, t, "ok", LUA_TSTRING)) {
        size_t n;
        const char *s = lua_tolstring(L, -1, &n);
        buf_str(b, "+");
        put_line(b, s, n);
        lua_pop(L, 1);
        break;
      }
      if (field_of_type(L, t, "double", LUA_TNUMBER)) {
        put_double(b, lua_tonumber(L, -1));
        lua_pop(L, 1);
        break;
      }
      if (field_of_type(L, t, "big_number", LUA_TSTRING)) {
        size_t n;
        const char *s = lua_tolstring(L, -1, &n);
        if (caller_resp == 3) {
          buf_str(b, "(");
          put_line(b, s, n);
        } else put_bulk(b, s, n);
        lua_pop(L, 1);
        break;
      }
      if (field_of_type(L, t, "map", LUA_TTABLE)) {
        int map = lua_gettop(L);
        Buffer items = {0};
        long long count = 0;
        lua_pushnil(L);
        while (lua_next(L, map)) {
          lua_pushvalue(L, -2);
          lua_to_resp(L, &items, depth + 1);
          lua_pop(L, 1);
          lua_to_resp(L, &items, depth + 1);
          lua_pop(L, 1);
          count++;
        }
        buf_fmt(b, caller_resp == 3 ? "%%%lld\r\n" : "*%lld\r\n",
                caller_resp == 3 ? count : count * 2);
        buf_put(b, items.data, items.length);
        free(items.data);
        lua_pop(L, 1);
        break;
      }
      if (field_of_type(L, t, "set", LUA_TTABLE)) {
        int set = lua_gettop(L);
        Buffer items = {0};
        long long count = 0;
        lua_pushnil(L);
        while (lua_next(L, set)) {
          lua_pop(L, 1);
          lua_pushvalue(L, -1);
          lua_to_resp(L, &items, depth + 1);
          lua_pop(L, 1);
          count++;
        }
        buf_fmt(b, caller_resp == 3 ? "~%lld\r\n" : "*%lld\r\n", count);
        buf_put(b, items.data, items.length);
        free(items.data);
        lua_pop(L, 1);
        break;
      }
      if (field_of_type(L, t, "verbatim_string", LUA_TTABLE)) {
        int v = lua_gettop(L);
        if (field_of_type(L, v, "format", LUA_TSTRING)) {
          if (field_of_type(L, v, "string", LUA_TSTRING)) {
            size_t fn, sn;
            const char *format = lua_tolstring(L, -2, &fn);
            const char *s = lua_tolstring(L, -1, &sn);
            if (caller_resp == 3) {
              buf_fmt(b, "=%lld\r\n", (long long)sn + 4);
              buf_put(b, format, fn > 3 ? 3 : fn);
              buf_str(b, ":");
              buf_put(b, s, sn);
              buf_str(b, "\r\n");
            } else put_bulk(b, s, sn);
            lua_pop(L, 3);
            break;
          }
          lua_pop(L, 1);
        }
        lua_pop(L, 1);
      }
      /* An array, up to the first nil. */
      Buffer items = {0};
      long long count = 0;
      for (int j = 1;; j++) {
        lua_rawgeti(L, t, j);
        if (lua_isnil(L, -1)) {
          lua_pop(L, 1);
          break;
        }
        lua_to_resp(L, &items, depth + 1);
        lua_pop(L, 1);
        count++;
      }
      buf_fmt(b, "*%lld\r\n", count);
      buf_put(b, items.data, items.length);
      free(items.data);
      break;
    }
    default: put_null(b);
  }
}

/* ---- errors: the table form {err=...} scripts see ---- */

/* Pushes {err=...} from a server error line "-CODE message" or a plain message. */
static void push_error_text(lua_State *L, const char *text, size_t n) {
  luaL_Buffer b;
  luaL_buffinit(L, &b);
  if (n > 0 && text[0] == '-') {
    const char *space = memchr(text, ' ', n);
    if (space == NULL) {
      luaL_addstring(&b, "ERR ");
      luaL_addlstring(&b, text + 1, n - 1);
    } else luaL_addlstring(&b, text + 1, n - 1);
  } else {
    luaL_addstring(&b, "ERR ");
    luaL_addlstring(&b, text, n);
  }
  luaL_pushresult(&b);
  /* The error table never ends with a newline. */
  size_t len;
  const char *s = lua_tolstring(L, -1, &len);
  while (len > 0 && (s[len - 1] == '\r' || s[len - 1] == '\n')) len--;
  lua_pushlstring(L, s, len);
  lua_remove(L, -2);
  lua_newtable(L);
  lua_insert(L, -2);
  lua_setfield(L, -2, "err");
}

/* ---- the redis table ---- */

/* Raises {err="ERR <message>"}: the redis API's errors carry no script position. */
static int raise_error(lua_State *L, const char *message) {
  lua_newtable(L);
  lua_pushfstring(L, "ERR %s", message);
  lua_setfield(L, -2, "err");
  return lua_error(L);
}
/* Returns {err="ERR <message>"} as the function's result. */
static int return_error(lua_State *L, const char *message) {
  lua_newtable(L);
  lua_pushfstring(L, "ERR %s", message);
  lua_setfield(L, -2, "err");
  return 1;
}
static int redis_command(lua_State *L, int mode) {
  int argc = lua_gettop(L);
  if (argc == 0) {
    {
      const char *m = "Please specify at least one argument for this redis lib call";
      push_error_text(L, m, strlen(m));
    }
    if (mode == 0) return lua_error(L);
    return 1;
  }
  args_buf.length = 0;
  for (int i = 1; i <= argc; i++) {
    const char *s;
    size_t n;
    char tmp[64];
    int type = lua_type(L, i);
    if (type == LUA_TNUMBER) {
      n = (size_t)snprintf(tmp, sizeof tmp, "%.17g", lua_tonumber(L, i));
      s = tmp;
    } else if (type == LUA_TSTRING) s = lua_tolstring(L, i, &n);
    else {
      if (mode == 2)
        return raise_error(L, "Invalid command passed to redis.acl_check_cmd()");
      {
        const char *m = "Lua redis lib command arguments must be strings or integers";
        push_error_text(L, m, strlen(m));
      }
      if (mode == 0) return lua_error(L);
      return 1;
    }
    uint32_t len = (uint32_t)n;
    buf_put(&args_buf, &len, 4);
    buf_put(&args_buf, s, n);
  }
  int length = js_call(args_buf.data, (int)args_buf.length, argc, lua_resp, mode);
  if (length < 0) return raise_error(L, "Invalid command passed to redis.acl_check_cmd()");
  lua_settop(L, 0);
  const uint8_t *reply = reply_buf.data;
  if (reply[0] == '-') {
    const uint8_t *end = resp_line_end(reply);
    push_error_text(L, (const char *)reply, (size_t)(end - reply));
    if (mode == 0) return lua_error(L);
    return 1;
  }
  resp_to_lua(L, reply);
  return 1;
}
static int redis_call(lua_State *L) { return redis_command(L, 0); }
static int redis_pcall(lua_State *L) { return redis_command(L, 1); }
static int redis_acl_check_cmd(lua_State *L) {
  redis_command(L, 2);
  return 1;
}

static int redis_error_reply(lua_State *L) {
  if (lua_gettop(L) != 1 || lua_type(L, 1) != LUA_TSTRING)
    return return_error(L, "wrong number or type of arguments");
  size_t n;
  const char *s = lua_tolstring(L, 1, &n);
  if (n > 0 && s[0] == '-') push_error_text(L, s, n);
  else {
    lua_pushfstring(L, "-%s", s);
    size_t m;
    const char *t = lua_tolstring(L, -1, &m);
    push_error_text(L, t, m);
  }
  return 1;
}
static int redis_status_reply(lua_State *L) {
  if (lua_gettop(L) != 1 || lua_type(L, 1) != LUA_TSTRING)
    return return_error(L, "wrong number or type of arguments");
  lua_newtable(L);
  lua_pushvalue(L, 1);
  lua_setfield(L, -2, "ok");
  return 1;
}
static int redis_sha1hex(lua_State *L) {
  if (lua_gettop(L) != 1) return raise_error(L, "wrong number of arguments");
  size_t n;
  const char *s = lua_tolstring(L, 1, &n);
  char hex[40];
  js_sha1hex(s == NULL ? "" : s, (int)n, hex);
  lua_pushlstring(L, hex, 40);
  return 1;
}
static int redis_log(lua_State *L) {
  int argc = lua_gettop(L);
  if (argc < 2) return raise_error(L, "redis.log() requires two arguments or more.");
  if (!lua_isnumber(L, 1)) return raise_error(L, "First argument must be a number (log level).");
  int level = (int)lua_tonumber(L, 1);
  if (level < 0 || level > 3) return raise_error(L, "Invalid debug level.");
  luaL_Buffer b;
  luaL_buffinit(L, &b);
  for (int i = 2; i <= argc; i++) {
    size_t n;
    const char *s = lua_tolstring(L, i, &n);
    if (s == NULL) continue;
    if (i > 2) luaL_addchar(&b, ' ');
    luaL_addlstring(&b, s, n);
  }
  luaL_pushresult(&b);
  size_t n;
  const char *s = lua_tolstring(L, -1, &n);
  js_log(level, s, (int)n);
  return 0;
}
static int redis_setresp(lua_State *L) {
  if (lua_gettop(L) != 1) return raise_error(L, "redis.setresp() requires one argument.");
  int resp = (int)lua_tonumber(L, 1);
  if (resp != 2 && resp != 3) return raise_error(L, "RESP version must be 2 or 3.");
  lua_resp = resp;
  return 0;
}
static int redis_set_repl(lua_State *L) {
  if (lua_gettop(L) != 1) return raise_error(L, "redis.set_repl() requires two arguments.");
  int flags = (int)lua_tonumber(L, 1);
  if (flags < 0 || flags > 3)
    return raise_error(L, "Invalid replication flags. Use REPL_AOF, REPL_REPLICA, REPL_ALL or REPL_NONE.");
  return 0;
}
static int redis_replicate_commands(lua_State *L) {
  lua_pushboolean(L, 1);
  return 1;
}
static int redis_breakpoint(lua_State *L) {
  lua_pushboolean(L, 0);
  return 1;
}
static int redis_debug(lua_State *L) {
  (void)L;
  return 0;
}

/* redis.register_function(name, callback) or redis.register_function{...}. */
static const char *FLAG_NAMES[] = {"no-writes", "allow-oom", "allow-stale", "no-cluster",
                                   "allow-cross-slot-keys", NULL};
static int redis_register_function(lua_State *L) {
  int argc = lua_gettop(L);
  int flags = 0;
  const char *description = NULL;
  size_t description_length = 0;
  if (argc == 1) {
    if (!lua_istable(L, 1))
      return raise_error(L, "calling redis.register_function with a single argument is only applicable to Lua table (representing named arguments).");
    lua_getfield(L, 1, "function_name");
    lua_getfield(L, 1, "callback");
    lua_getfield(L, 1, "flags");
    lua_getfield(L, 1, "description");
    lua_pushnil(L);
    while (lua_next(L, 1)) {
      lua_pop(L, 1);
      const char *key = lua_type(L, -1) == LUA_TSTRING ? lua_tostring(L, -1) : "";
      if (strcmp(key, "function_name") && strcmp(key, "callback") && strcmp(key, "flags") &&
          strcmp(key, "description"))
        return raise_error(L, "unknown argument given to redis.register_function");
    }
    if (!lua_isstring(L, 2))
      return raise_error(L, "function_name argument given to redis.register_function must be a string");
    if (lua_type(L, 3) != LUA_TFUNCTION)
      return raise_error(L, "callback argument given to redis.register_function must be a function");
    if (!lua_isnil(L, 4)) {
      if (!lua_istable(L, 4))
        return raise_error(L, "flags argument to redis.register_function must be a table representing function flags");
      for (int j = 1;; j++) {
        lua_rawgeti(L, 4, j);
        if (lua_isnil(L, -1)) {
          lua_pop(L, 1);
          break;
        }
        if (lua_type(L, -1) != LUA_TSTRING)
          return raise_error(L, "unknown flag given");
        const char *flag = lua_tostring(L, -1);
        int known = 0;
        for (int f = 0; FLAG_NAMES[f]; f++)
          if (!strcmp(flag, FLAG_NAMES[f])) flags |= 1 << f, known = 1;
        if (!known) return raise_error(L, "unknown flag given");
        lua_pop(L, 1);
      }
    }
    if (!lua_isnil(L, 5)) {
      if (lua_type(L, 5) != LUA_TSTRING)
        return raise_error(L, "description argument given to redis.register_function must be a string");
      description = lua_tolstring(L, 5, &description_length);
    }
    lua_pushvalue(L, 2);
    lua_pushvalue(L, 3);
  } else if (argc == 2) {
    if (!lua_isstring(L, 1))
      return raise_error(L, "first argument to redis.register_function must be a string");
    if (lua_type(L, 2) != LUA_TFUNCTION)
      return raise_error(L, "second argument to redis.register_function must be a function");
    lua_pushvalue(L, 1);
    lua_pushvalue(L, 2);
  } else return raise_error(L, "wrong number of arguments to redis.register_function");
  /* A number given as the name is stored as its string. */
  lua_pushstring(L, lua_tostring(L, -2));
  lua_replace(L, -3);
  size_t name_length;
  const char *name = lua_tolstring(L, -2, &name_length);
  int status = js_register_function(name, (int)name_length, flags, description,
                                    (int)description_length);
  if (status > 0) {
    /* The server refused the name: it wrote `status` bytes of message into the reply buffer. */
    lua_newtable(L);
    lua_pushstring(L, "ERR ");
    lua_pushlstring(L, (const char *)reply_buf.data, (size_t)status);
    lua_concat(L, 2);
    lua_setfield(L, -2, "err");
    return lua_error(L);
  }
  /* functions[name] = callback, in the table of the library being loaded */
  lua_getfield(L, LUA_REGISTRYINDEX, "petrel_loading");
  lua_insert(L, -3);
  lua_rawset(L, -3);
  return 0;
}

static const luaL_Reg REDIS_FUNCTIONS[] = {
    {"call", redis_call},
    {"pcall", redis_pcall},
    {"acl_check_cmd", redis_acl_check_cmd},
    {"error_reply", redis_error_reply},
    {"status_reply", redis_status_reply},
    {"sha1hex", redis_sha1hex},
    {"log", redis_log},
    {"setresp", redis_setresp},
    {"set_repl", redis_set_repl},
    {"replicate_commands", redis_replicate_commands},
    {"breakpoint", redis_breakpoint},
    {"debug", redis_debug},
    {NULL, NULL},
};

/* ---- the state ---- */

/* pcall as scripts see it. Lua 5.1 cannot yield across lua_pcall, so pcall
 * runs its function in a coroutine of its own, driven by a small Lua loop
 * (PCALL_SOURCE): when the count hook pauses that coroutine, the loop pauses
 * the script too, so a loop inside pcall still hands control back between
 * time slices and SCRIPT KILL still reaches it. `chain` holds the pcall
 * coroutines nested in the running script, innermost last. An error table
 * raised inside (redis.call's) comes back as its `err` text. */
static void hook(lua_State *L, lua_Debug *ar);
#define PCALL_CHAIN_MAX 256
#define PCALL_CHUNK "=pcall"
static lua_State *chain[PCALL_CHAIN_MAX];
static int chain_depth;
static int hook_paused; /* set by the hook (or pause) just before a yield it makes */
static int killed;      /* SCRIPT KILL reached the running script */

static lua_State *innermost(void) { return chain_depth == 0 ? running : chain[chain_depth - 1]; }

static int can_pause(lua_State *L) { return L == innermost() && L->nCcalls <= L->baseCcalls; }

/* pcall(f, ...): the coroutine that runs f. Valkey's pcall called with
 * nothing ends up calling its own `true`, and says so. */
static int pcall_start(lua_State *L) {
  lua_State *co = lua_newthread(L);
  if (lua_gettop(L) == 1) lua_pushboolean(L, 1);
  else lua_pushvalue(L, 1);
  lua_xmove(L, co, 1);
  return 1;
}

/* step(co, ...): resumes co; 1 when the hook paused it, else 0 and pcall's results. */
static int pcall_step(lua_State *L) {
  lua_State *co = lua_tothread(L, 1);
  int nargs = lua_gettop(L) - 1;
  if (chain_depth >= PCALL_CHAIN_MAX) return luaL_error(L, "C stack overflow");
  lua_xmove(L, co, nargs);
  /* Nested pcalls count toward the C-call limit as lua_pcall's would. */
  co->nCcalls = L->nCcalls;
  chain[chain_depth++] = co;
  int status = lua_resume(co, nargs);
  chain_depth--;
  if (status == LUA_YIELD && hook_paused) {
    hook_paused = 0;
    lua_pushinteger(L, 1);
    return 1;
  }
  /* As in Valkey, pcall returns the kill error, and the next line the script runs raises it again. */
  if (killed) lua_sethook(L, hook, LUA_MASKLINE, 0);
  lua_pushinteger(L, 0);
  if (status == 0) {
    int n = lua_gettop(co);
    lua_pushboolean(L, 1);
    luaL_checkstack(L, n, "too many results to unpack");
    lua_xmove(co, L, n);
    return n + 2;
  }
  lua_pushboolean(L, 0);
  if (status == LUA_YIELD) {
    /* The function itself yielded, which lua_pcall refuses. */
    lua_pushstring(L, "attempt to yield across metamethod/C-call boundary");
    return 3;
  }
  lua_xmove(co, L, 1);
  if (lua_istable(L, -1)) {
    lua_getfield(L, -1, "err");
    if (lua_isstring(L, -1)) lua_replace(L, -2);
    else lua_pop(L, 1);
  }
  return 3;
}

/* pause(): yields the current coroutine on behalf of a paused inner one. */
static int pcall_pause(lua_State *L) {
  hook_paused = 1;
  return lua_yield(L, 0);
}

static int pcall_can_pause(lua_State *L) {
  lua_pushboolean(L, can_pause(L));
  return 1;
}

static const char *PCALL_SOURCE =
    "local pcall, step, pause, can_pause, select = ...\n"
    "local function settle(co, paused, ...)\n"
    "  if paused == 1 then\n"
    "    if can_pause() then pause() end\n"
    "    return settle(co, step(co))\n"
    "  end\n"
    "  return ...\n"
    "end\n"
    "return function(...)\n"
    "  local co = pcall(...)\n"
    "  return settle(co, step(co, select(2, ...)))\n"
    "end\n";

/* Sets the global pcall to the Lua loop above. */
static void install_pcall(lua_State *L) {
  luaL_loadbuffer(L, PCALL_SOURCE, strlen(PCALL_SOURCE), PCALL_CHUNK);
  lua_pushcfunction(L, pcall_start);
  lua_pushcfunction(L, pcall_step);
  lua_pushcfunction(L, pcall_pause);
  lua_pushcfunction(L, pcall_can_pause);
  lua_getglobal(L, "select");
  lua_call(L, 5, 1);
  lua_setglobal(L, "pcall");
}

static int nonexistent_global(lua_State *L) {
  const char *name = lua_tostring(L, 2);
  return luaL_error(L, "Script attempted to access nonexistent global variable '%s'",
                    name == NULL ? "?" : name);
}

static void protect_recursively(lua_State *L) {
  /* Marks the table on top and every table reachable through its values read-only. */
  if (lua_isreadonlytable(L, -1)) return;
  lua_enablereadonlytable(L, -1, 1);
  lua_pushnil(L);
  while (lua_next(L, -2)) {
    if (lua_istable(L, -1)) protect_recursively(L);
    lua_pop(L, 1);
  }
}

static void open_lib(lua_State *L, const char *name, lua_CFunction open) {
  lua_pushcfunction(L, open);
  lua_pushstring(L, name);
  lua_call(L, 1, 1);
  /* Some libraries (cjson) only return their table: make it the global. */
  if (name[0] != 0 && lua_istable(L, -1)) lua_setglobal(L, name);
  else lua_pop(L, 1);
}

static const char *ERROR_HANDLER =
    "local dbg = debug\n"
    "__redis__err__handler = function(err)\n"
    "  local i = dbg.getinfo(2,'nSl')\n"
    "  if i and i.what == 'C' then i = dbg.getinfo(3,'nSl') end\n"
    "  if type(err) ~= 'table' then err = {err='ERR ' .. tostring(err)} end\n"
    "  if i then err['source'] = i.source; err['line'] = i.currentline end\n"
    "  return err\n"
    "end\n";

static int panic(lua_State *L) {
  js_panic(lua_tostring(L, -1));
  return 0;
}

EXPORT(pl_init) int pl_init(const char *version, int version_num) {
  vm = luaL_newstate();
  lua_atpanic(vm, panic);
  open_lib(vm, "", luaopen_base);
  open_lib(vm, LUA_TABLIBNAME, luaopen_table);
  open_lib(vm, LUA_STRLIBNAME, luaopen_string);
  open_lib(vm, LUA_MATHLIBNAME, luaopen_math);
  open_lib(vm, LUA_DBLIBNAME, luaopen_debug);
  open_lib(vm, "cjson", luaopen_cjson);
  open_lib(vm, "struct", luaopen_struct);
  open_lib(vm, "cmsgpack", luaopen_cmsgpack);
  open_lib(vm, "bit", luaopen_bit);
  static const char *removed[] = {"print", "loadfile", "dofile", "getfenv", "setfenv", "newproxy", NULL};
  for (int i = 0; removed[i]; i++) {
    lua_pushnil(vm);
    lua_setglobal(vm, removed[i]);
  }
  lua_getglobal(vm, "math");
  lua_pushcfunction(vm, math_random);
  lua_setfield(vm, -2, "random");
  lua_pushcfunction(vm, math_randomseed);
  lua_setfield(vm, -2, "randomseed");
  lua_pop(vm, 1);
  luaL_dostring(vm, ERROR_HANDLER);
  install_pcall(vm);
  lua_pushnil(vm);
  lua_setglobal(vm, "debug");

  lua_newtable(vm);
  luaL_register(vm, NULL, REDIS_FUNCTIONS);
  static const struct { const char *name; int value; } constants[] = {
      {"LOG_DEBUG", 0}, {"LOG_VERBOSE", 1}, {"LOG_NOTICE", 2}, {"LOG_WARNING", 3},
      {"REPL_NONE", 0}, {"REPL_AOF", 1}, {"REPL_SLAVE", 2}, {"REPL_REPLICA", 2},
      {"REPL_ALL", 3}, {NULL, 0}};
  for (int i = 0; constants[i].name; i++) {
    lua_pushnumber(vm, constants[i].value);
    lua_setfield(vm, -2, constants[i].name);
  }
  lua_pushstring(vm, version);
  lua_setfield(vm, -2, "REDIS_VERSION");
  lua_pushnumber(vm, version_num);
  lua_setfield(vm, -2, "REDIS_VERSION_NUM");
  lua_setglobal(vm, "redis");

  lua_newtable(vm);
  lua_setfield(vm, LUA_REGISTRYINDEX, "petrel_scripts");

  /* The sandbox: reading an unknown global is an error, writing any is refused. */
  lua_pushvalue(vm, LUA_GLOBALSINDEX);
  lua_newtable(vm);
  lua_pushcfunction(vm, nonexistent_global);
  lua_setfield(vm, -2, "__index");
  lua_setmetatable(vm, -2);
  protect_recursively(vm);
  lua_pop(vm, 1);
  return 0;
}

/* Compiles a script body and keeps it under `name`; 1 with the message in out on error. */
EXPORT(pl_compile) int pl_compile(const char *name, const char *body, int length) {
  out.length = 0;
  if (luaL_loadbuffer(vm, body, (size_t)length, "@user_script") != 0) {
    size_t n;
    const char *message = lua_tolstring(vm, -1, &n);
    buf_put(&out, message, n);
    lua_pop(vm, 1);
    return 1;
  }
  lua_getfield(vm, LUA_REGISTRYINDEX, "petrel_scripts");
  lua_pushstring(vm, name);
  lua_pushvalue(vm, -3);
  lua_rawset(vm, -3);
  lua_pop(vm, 2);
  return 0;
}

EXPORT(pl_forget) void pl_forget(const char *name) {
  lua_getfield(vm, LUA_REGISTRYINDEX, "petrel_scripts");
  lua_pushstring(vm, name);
  lua_pushnil(vm);
  lua_rawset(vm, -3);
  lua_pop(vm, 1);
}

static void hook(lua_State *L, lua_Debug *ar) {
  (void)ar;
  int action = js_hook();
  if (action == 2) {
    /* Not inside pcall's own loop: the error belongs on a line of the script. */
    lua_Debug where;
    if (lua_getstack(L, 0, &where) && lua_getinfo(L, "S", &where) && strcmp(where.source, PCALL_CHUNK) == 0)
      return;
    killed = 1;
    /* Keep firing on every line so a pcall in the script cannot swallow it. */
    lua_sethook(L, hook, LUA_MASKLINE, 0);
    lua_newtable(L);
    lua_pushstring(L, "ERR Script killed by user with SCRIPT KILL...");
    lua_setfield(L, -2, "err");
    lua_error(L);
  }
  /* Yield only from the innermost coroutine of the script and outside C calls. */
  if (action == 1 && can_pause(L)) {
    hook_paused = 1;
    lua_yield(L, 0);
  }
}

static void set_global_array(const char *name, const uint8_t **p, int count) {
  lua_pushstring(vm, name);
  lua_createtable(vm, count, 0);
  for (int i = 0; i < count; i++) {
    uint32_t n;
    memcpy(&n, *p, 4);
    lua_pushlstring(vm, (const char *)*p + 4, n);
    lua_rawseti(vm, -2, i + 1);
    *p += 4 + n;
  }
  lua_rawset(vm, LUA_GLOBALSINDEX);
}

static void write_error(lua_State *co) {
  /* What the error handler would see: the failing Lua frame, the error as a table. */
  lua_Debug ar;
  int level = 0;
  int have = lua_getstack(co, level, &ar) && lua_getinfo(co, "Sl", &ar);
  if (have && strcmp(ar.what, "C") == 0) have = lua_getstack(co, ++level, &ar) && lua_getinfo(co, "Sl", &ar);
  /* pcall's own Lua loop is the server's, not the script's: report the script's line. */
  while (have && strcmp(ar.source, PCALL_CHUNK) == 0)
    have = lua_getstack(co, ++level, &ar) && lua_getinfo(co, "Sl", &ar);
  const char *message = NULL;
  size_t n = 0;
  int top = lua_gettop(co);
  if (lua_istable(co, top)) {
    lua_getfield(co, top, "err");
    if (lua_type(co, -1) == LUA_TSTRING) message = lua_tolstring(co, -1, &n);
  } else {
    lua_pushstring(co, "ERR ");
    if (lua_type(co, top) == LUA_TSTRING || lua_type(co, top) == LUA_TNUMBER)
      lua_pushvalue(co, top);
    else if (lua_isnil(co, top)) lua_pushstring(co, "nil");
    else if (lua_isboolean(co, top)) lua_pushstring(co, lua_toboolean(co, top) ? "true" : "false");
    else lua_pushfstring(co, "%s: %p", luaL_typename(co, top), lua_topointer(co, top));
    lua_concat(co, 2);
    message = lua_tolstring(co, -1, &n);
  }
  Buffer text = {0};
  if (message == NULL) buf_str(&text, "ERR unknown error");
  else buf_put(&text, message, n);
  if (have && ar.currentline >= 0) {
    buf_str(&text, " script: ");
    buf_str(&text, running_name);
    buf_str(&text, ", on ");
    buf_str(&text, ar.source);
    buf_fmt(&text, ":%lld.", ar.currentline);
  }
  while (text.length > 0 && (text.data[text.length - 1] == '\r' || text.data[text.length - 1] == '\n'))
    text.length--;
  buf_str(&out, "-");
  put_line(&out, (const char *)text.data, text.length);
  free(text.data);
}

static void finish(void) {
  luaL_unref(vm, LUA_REGISTRYINDEX, running_ref);
  running_ref = LUA_NOREF;
  running = NULL;
}

/* Resumes the script's coroutine with nargs values on its stack.
 * 0 = done (reply in out), 1 = yielded (call pl_resume), 2 = failed (error reply in out). */
static int resume_running(int nargs) {
  lua_State *co = running;
  chain_depth = 0;
  int status = lua_resume(co, nargs);
  hook_paused = 0;
  if (status == LUA_YIELD) return 1;
  out.length = 0;
  if (status == 0) {
    if (lua_gettop(co) >= 1) {
      lua_settop(co, 1);
      lua_to_resp(co, &out, 0);
    } else put_null(&out);
    finish();
    return 0;
  }
  write_error(co);
  finish();
  return 2;
}

EXPORT(pl_resume) int pl_resume(void) { return resume_running(0); }

/* Runs a compiled script (or, with is_function, a library function by its registry key)
 * with nkeys keys and nargs arguments from the argument buffer. */
EXPORT(pl_run) int pl_run(const char *name, const char *display_name, int nkeys, int nargs, int resp,
                          int is_function) {
  lua_resp = 2;
  caller_resp = resp;
  killed = 0;
  snprintf(running_name, sizeof running_name, "%s", display_name);
  const uint8_t *p = args_buf.data;
  running = lua_newthread(vm);
  running_ref = luaL_ref(vm, LUA_REGISTRYINDEX);
  lua_getfield(vm, LUA_REGISTRYINDEX, is_function ? "petrel_functions" : "petrel_scripts");
  lua_getfield(vm, -1, name);
  lua_xmove(vm, running, 1);
  lua_pop(vm, 1);
  if (is_function) {
    /* A function receives KEYS and ARGV as its two arguments. */
    lua_State *co = running;
    for (int list = 0; list < 2; list++) {
      int count = list == 0 ? nkeys : nargs;
      lua_createtable(co, count, 0);
      for (int i = 0; i < count; i++) {
        uint32_t n;
        memcpy(&n, p, 4);
        lua_pushlstring(co, (const char *)p + 4, n);
        lua_rawseti(co, -2, i + 1);
        p += 4 + n;
      }
    }
  } else {
    lua_enablereadonlytable(vm, LUA_GLOBALSINDEX, 0);
    set_global_array("KEYS", &p, nkeys);
    set_global_array("ARGV", &p, nargs);
    lua_enablereadonlytable(vm, LUA_GLOBALSINDEX, 1);
  }
  lua_sethook(running, hook, LUA_MASKCOUNT, 100000);
  /* A function starts with its KEYS and ARGV tables as arguments. */
  return resume_running(is_function ? 2 : 0);
}

/* ---- libraries (FUNCTION LOAD) ---- */

/* Runs library code in an environment whose `redis` only registers functions.
 * 0 = loaded (functions in registry petrel_loading), else the message in out. */
EXPORT(pl_load_library) int pl_load_library(const char *code, int length) {
  out.length = 0;
  lua_newtable(vm);
  lua_setfield(vm, LUA_REGISTRYINDEX, "petrel_loading");
  if (luaL_loadbuffer(vm, code, (size_t)length, "@user_function") != 0) {
    size_t n;
    const char *message = lua_tolstring(vm, -1, &n);
    buf_str(&out, "Error compiling function: ");
    buf_put(&out, message, n);
    lua_pop(vm, 1);
    return 1;
  }
  /* The library's globals: an empty read-only table whose unknown names come
   * from the load API ({redis = register_function, log, LOG_*, versions})
   * while loading, and from the scripting globals once loaded. */
  lua_newtable(vm); /* env */
  lua_newtable(vm); /* its metatable */
  lua_newtable(vm); /* the load API */
  lua_newtable(vm); /* its redis table */
  lua_pushcfunction(vm, redis_register_function);
  lua_setfield(vm, -2, "register_function");
  lua_pushcfunction(vm, redis_log);
  lua_setfield(vm, -2, "log");
  lua_getglobal(vm, "redis");
  static const char *copied[] = {"LOG_DEBUG", "LOG_VERBOSE", "LOG_NOTICE", "LOG_WARNING",
                                 "REDIS_VERSION", "REDIS_VERSION_NUM", NULL};
  for (int i = 0; copied[i]; i++) {
    lua_getfield(vm, -1, copied[i]);
    lua_setfield(vm, -3, copied[i]);
  }
  lua_pop(vm, 1);
  lua_newtable(vm);
  lua_pushcfunction(vm, nonexistent_global);
  lua_setfield(vm, -2, "__index");
  lua_setmetatable(vm, -2);
  lua_setfield(vm, -2, "redis");
  lua_newtable(vm);
  lua_pushcfunction(vm, nonexistent_global);
  lua_setfield(vm, -2, "__index");
  lua_setmetatable(vm, -2);
  protect_recursively(vm);
  lua_setfield(vm, -2, "__index"); /* metatable.__index = load API */
  lua_pushvalue(vm, -1);
  lua_setfield(vm, LUA_REGISTRYINDEX, "petrel_library_meta");
  lua_setmetatable(vm, -2);
  lua_enablereadonlytable(vm, -1, 1);
  lua_setfenv(vm, -2);
  lua_State *co = lua_newthread(vm);
  lua_insert(vm, -2);
  lua_xmove(vm, co, 1);
  running = NULL;
  int status = lua_resume(co, 0);
  if (status != 0) {
    size_t n;
    buf_str(&out, "Error registering functions: ");
    if (lua_istable(co, -1)) lua_getfield(co, -1, "err");
    else buf_str(&out, "ERR ");
    const char *message = lua_tolstring(co, -1, &n);
    if (message != NULL) buf_put(&out, message, n);
    else buf_str(&out, "unknown error");
    lua_pop(vm, 1);
    return 1;
  }
  lua_pop(vm, 1);
  /* From now on the functions see the scripting globals. */
  lua_getfield(vm, LUA_REGISTRYINDEX, "petrel_library_meta");
  lua_pushvalue(vm, LUA_GLOBALSINDEX);
  lua_setfield(vm, -2, "__index");
  lua_pop(vm, 1);
  return 0;
}

/* Moves the functions just loaded into the callable table under "<library>\n<function>". */
EXPORT(pl_commit_library) void pl_commit_library(const char *library) {
  lua_getfield(vm, LUA_REGISTRYINDEX, "petrel_functions");
  if (lua_isnil(vm, -1)) {
    lua_pop(vm, 1);
    lua_newtable(vm);
    lua_pushvalue(vm, -1);
    lua_setfield(vm, LUA_REGISTRYINDEX, "petrel_functions");
  }
  lua_getfield(vm, LUA_REGISTRYINDEX, "petrel_loading");
  lua_pushnil(vm);
  while (lua_next(vm, -2)) {
    lua_pushfstring(vm, "%s\n%s", library, lua_tostring(vm, -2));
    lua_insert(vm, -2);
    lua_rawset(vm, -5);
  }
  lua_pop(vm, 2);
}

EXPORT(pl_forget_function) void pl_forget_function(const char *key) {
  lua_getfield(vm, LUA_REGISTRYINDEX, "petrel_functions");
  if (lua_istable(vm, -1)) {
    lua_pushstring(vm, key);
    lua_pushnil(vm);
    lua_rawset(vm, -3);
  }
  lua_pop(vm, 1);
}
