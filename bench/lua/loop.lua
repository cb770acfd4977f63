-- loop: tight integer loop, see ../loop.gol. Values stay below 2^53, so
-- LuaJIT's doubles agree with Lua 5.4's integers.
local n = 50000000
local x = 0
local sum = 0
for i = 0, n - 1 do
  x = (x * 31 + i) % 1000003
  sum = sum + x
end
print(string.format("%d %d", x, sum))
