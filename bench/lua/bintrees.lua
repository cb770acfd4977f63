-- bintrees: allocate and walk binary trees, see ../bintrees.gol. A node is a
-- table with left and right fields; a leaf has neither.
local function build(depth)
  if depth == 0 then
    return {}
  end
  return { left = build(depth - 1), right = build(depth - 1) }
end

local function count(n)
  if n.left == nil then
    return 1
  end
  return 1 + count(n.left) + count(n.right)
end

local maxDepth = 16
io.write(string.format("stretch tree of depth %d\t check: %d\n", maxDepth + 1, count(build(maxDepth + 1))))
local longLived = build(maxDepth)
for d = 4, maxDepth, 2 do
  local iterations = math.floor(2 ^ (maxDepth - d + 1))
  local total = 0
  for _ = 1, iterations do
    total = total + count(build(d))
  end
  io.write(string.format("%d\t trees of depth %d\t check: %d\n", iterations, d, total))
end
io.write(string.format("long lived tree of depth %d\t check: %d\n", maxDepth, count(longLived)))
