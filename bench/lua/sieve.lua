-- sieve: sieve of Eratosthenes to ten million, see ../sieve.gol.
local limit = 10000000
local composite = {}
-- Go's make() zeroes the slice; filling the table first is the same work and
-- keeps it in the array part.
for i = 0, limit do
  composite[i] = false
end
local p = 2
while p * p <= limit do
  if not composite[p] then
    for m = p * p, limit, p do
      composite[m] = true
    end
  end
  p = p + 1
end
local count = 0
for i = 2, limit do
  if not composite[i] then
    count = count + 1
  end
end
print(string.format("%d", count))
