-- mapcount: string-keyed table updates, see ../mapcount.gol.
local distinct = 1000
local updates = 2000000
local keys = {}
for i = 0, distinct - 1 do
  keys[i] = "key" .. tostring(i * 7)
end
local counts = {}
local j = 0
for i = 0, updates - 1 do
  j = (j * 13 + i % 17) % distinct
  local k = keys[j]
  counts[k] = (counts[k] or 0) + 1
end
local n = 0
for _ in pairs(counts) do
  n = n + 1
end
local maxKey, maxCount, weighted = "", 0, 0
for i = 0, distinct - 1 do
  local c = counts[keys[i]] or 0
  weighted = weighted + c * (i + 1)
  if c > maxCount then
    maxCount = c
    maxKey = keys[i]
  end
end
print(string.format("%d %s %d %d", n, maxKey, maxCount, weighted))
