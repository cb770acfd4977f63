-- fib: recursive calls, see ../fib.gol. Runs under Lua 5.4 and LuaJIT.
local function fib(n)
  if n < 2 then
    return n
  end
  return fib(n - 1) + fib(n - 2)
end

print(string.format("%d", fib(32)))
