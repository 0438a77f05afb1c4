/* The `bit` library scripts get on Valkey (LuaBitOp's API): 32-bit operations,
 * results as signed 32-bit numbers. Written for the fake. */
#include <stdint.h>
#include <string.h>
#include "lauxlib.h"
#include "lua.h"

/* Numbers wrap modulo 2^32, rounding to the nearest integer, as LuaBitOp does. */
static uint32_t barg(lua_State *L, int i) {
  union { lua_Number n; uint64_t b; } u;
  u.n = luaL_checknumber(L, i) + 6755399441055744.0;
  return (uint32_t)u.b;
}
static int ret(lua_State *L, uint32_t v) {
  lua_pushnumber(L, (lua_Number)(int32_t)v);
  return 1;
}
static int b_tobit(lua_State *L) { return ret(L, barg(L, 1)); }
static int b_bnot(lua_State *L) { return ret(L, ~barg(L, 1)); }
static int b_band(lua_State *L) {
  uint32_t v = barg(L, 1);
  for (int i = lua_gettop(L); i > 1; i--) v &= barg(L, i);
  return ret(L, v);
}
static int b_bor(lua_State *L) {
  uint32_t v = barg(L, 1);
  for (int i = lua_gettop(L); i > 1; i--) v |= barg(L, i);
  return ret(L, v);
}
static int b_bxor(lua_State *L) {
  uint32_t v = barg(L, 1);
  for (int i = lua_gettop(L); i > 1; i--) v ^= barg(L, i);
  return ret(L, v);
}
static int b_lshift(lua_State *L) { return ret(L, barg(L, 1) << (barg(L, 2) & 31)); }
static int b_rshift(lua_State *L) { return ret(L, barg(L, 1) >> (barg(L, 2) & 31)); }
static int b_arshift(lua_State *L) { return ret(L, (uint32_t)((int32_t)barg(L, 1) >> (barg(L, 2) & 31))); }
static int b_rol(lua_State *L) {
  uint32_t b = barg(L, 1), n = barg(L, 2) & 31;
  return ret(L, (b << n) | (b >> ((32 - n) & 31)));
}
static int b_ror(lua_State *L) {
  uint32_t b = barg(L, 1), n = barg(L, 2) & 31;
  return ret(L, (b >> n) | (b << ((32 - n) & 31)));
}
static int b_bswap(lua_State *L) {
  uint32_t b = barg(L, 1);
  return ret(L, (b >> 24) | ((b >> 8) & 0xff00) | ((b & 0xff00) << 8) | (b << 24));
}
static int b_tohex(lua_State *L) {
  uint32_t b = barg(L, 1);
  int32_t n = lua_isnone(L, 2) ? 8 : (int32_t)barg(L, 2);
  const char *digits = "0123456789abcdef";
  char buf[8];
  if (n < 0) n = -n, digits = "0123456789ABCDEF";
  if (n > 8) n = 8;
  for (int i = n; --i >= 0;) buf[i] = digits[b & 15], b >>= 4;
  lua_pushlstring(L, buf, (size_t)n);
  return 1;
}

static const luaL_Reg FUNCTIONS[] = {
    {"tobit", b_tobit}, {"bnot", b_bnot}, {"band", b_band}, {"bor", b_bor},
    {"bxor", b_bxor}, {"lshift", b_lshift}, {"rshift", b_rshift}, {"arshift", b_arshift},
    {"rol", b_rol}, {"ror", b_ror}, {"bswap", b_bswap}, {"tohex", b_tohex}, {NULL, NULL}};

int luaopen_bit(lua_State *L) {
  luaL_register(L, "bit", FUNCTIONS);
  return 1;
}
