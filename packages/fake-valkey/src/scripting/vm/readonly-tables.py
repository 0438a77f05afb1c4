# Adds read-only tables to the Lua 5.1 core, as Valkey's embedded Lua has:
# writing to one (or changing its metatable) raises "Attempt to modify a
# readonly table". The scripting sandbox marks the globals and the libraries.
import sys

src = sys.argv[1]


def patch(name, old, new):
    path = f"{src}/{name}"
    text = open(path).read()
    if old not in text:
        raise SystemExit(f"{name}: anchor not found: {old!r}")
    open(path, "w").write(text.replace(old, new, 1))


patch("lobject.h", "  lu_byte lsizenode;  /* log2 of size of `node' array */\n",
      "  lu_byte lsizenode;  /* log2 of size of `node' array */\n  lu_byte readonly;\n")
patch("ltable.c", "  t->metatable = NULL;\n  t->flags = cast_byte(~0);\n",
      "  t->metatable = NULL;\n  t->flags = cast_byte(~0);\n  t->readonly = 0;\n")
patch("lvm.c", "      Table *h = hvalue(t);\n      TValue *oldval = luaH_set(L, h, key); /* do a primitive set */\n",
      "      Table *h = hvalue(t);\n      TValue *oldval;\n"
      "      if (h->readonly) luaG_runerror(L, \"Attempt to modify a readonly table\");\n"
      "      oldval = luaH_set(L, h, key); /* do a primitive set */\n")
patch("lapi.c", "  api_check(L, ttistable(t));\n  setobj2t(L, luaH_set(L, hvalue(t), L->top-2), L->top-1);\n",
      "  api_check(L, ttistable(t));\n"
      "  if (hvalue(t)->readonly) luaG_runerror(L, \"Attempt to modify a readonly table\");\n"
      "  setobj2t(L, luaH_set(L, hvalue(t), L->top-2), L->top-1);\n")
patch("lapi.c", "  api_check(L, ttistable(o));\n  setobj2t(L, luaH_setnum(L, hvalue(o), n), L->top-1);\n",
      "  api_check(L, ttistable(o));\n"
      "  if (hvalue(o)->readonly) luaG_runerror(L, \"Attempt to modify a readonly table\");\n"
      "  setobj2t(L, luaH_setnum(L, hvalue(o), n), L->top-1);\n")
patch("lapi.c", "    case LUA_TTABLE: {\n      hvalue(obj)->metatable = mt;\n",
      "    case LUA_TTABLE: {\n"
      "      if (hvalue(obj)->readonly) luaG_runerror(L, \"Attempt to modify a readonly table\");\n"
      "      hvalue(obj)->metatable = mt;\n")
patch("lapi.c", "LUA_API int lua_setmetatable (lua_State *L, int objindex) {",
      "LUA_API void lua_enablereadonlytable (lua_State *L, int idx, int on) {\n"
      "  TValue *o = index2adr(L, idx);\n  api_check(L, ttistable(o));\n"
      "  hvalue(o)->readonly = (lu_byte)(on != 0);\n}\n\n"
      "LUA_API int lua_isreadonlytable (lua_State *L, int idx) {\n"
      "  TValue *o = index2adr(L, idx);\n  return ttistable(o) && hvalue(o)->readonly;\n}\n\n"
      "LUA_API int lua_setmetatable (lua_State *L, int objindex) {")
patch("lua.h", "LUA_API int   (lua_setmetatable) (lua_State *L, int objindex);",
      "LUA_API int   (lua_setmetatable) (lua_State *L, int objindex);\n"
      "LUA_API void  (lua_enablereadonlytable) (lua_State *L, int idx, int on);\n"
      "LUA_API int   (lua_isreadonlytable) (lua_State *L, int idx);")
