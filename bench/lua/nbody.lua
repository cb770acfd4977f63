-- nbody: 5-body simulation with one object per body and methods, see
-- ../nbody.gol. The floating-point operations happen in the same order.
local sqrt = math.sqrt
local pi = 3.141592653589793
local solarMass = 4 * pi * pi
local daysPerYear = 365.24

local Body = {}
Body.__index = Body

local function planet(x, y, z, vx, vy, vz, mass)
  return setmetatable({
    x = x, y = y, z = z,
    vx = vx * daysPerYear, vy = vy * daysPerYear, vz = vz * daysPerYear,
    mass = mass * solarMass,
  }, Body)
end

function Body:interact(o, dt)
  local dx = self.x - o.x
  local dy = self.y - o.y
  local dz = self.z - o.z
  local d2 = dx * dx + dy * dy + dz * dz
  local mag = dt / (d2 * sqrt(d2))
  local bm = self.mass * mag
  local om = o.mass * mag
  self.vx = self.vx - dx * om
  self.vy = self.vy - dy * om
  self.vz = self.vz - dz * om
  o.vx = o.vx + dx * bm
  o.vy = o.vy + dy * bm
  o.vz = o.vz + dz * bm
end

function Body:move(dt)
  self.x = self.x + dt * self.vx
  self.y = self.y + dt * self.vy
  self.z = self.z + dt * self.vz
end

function Body:kinetic()
  return 0.5 * self.mass * (self.vx * self.vx + self.vy * self.vy + self.vz * self.vz)
end

local System = {}
System.__index = System

function System:advance(dt)
  local bodies = self.bodies
  local n = #bodies
  for i = 1, n do
    local b = bodies[i]
    for j = i + 1, n do
      b:interact(bodies[j], dt)
    end
  end
  for i = 1, n do
    bodies[i]:move(dt)
  end
end

function System:energy()
  local e = 0.0
  local bodies = self.bodies
  local n = #bodies
  for i = 1, n do
    local b = bodies[i]
    e = e + b:kinetic()
    for j = i + 1, n do
      local o = bodies[j]
      local dx = b.x - o.x
      local dy = b.y - o.y
      local dz = b.z - o.z
      e = e - b.mass * o.mass / sqrt(dx * dx + dy * dy + dz * dz)
    end
  end
  return e
end

function System:offsetMomentum()
  local px, py, pz = 0.0, 0.0, 0.0
  for _, b in ipairs(self.bodies) do
    px = px + b.vx * b.mass
    py = py + b.vy * b.mass
    pz = pz + b.vz * b.mass
  end
  local sun = self.bodies[1]
  sun.vx = -px / solarMass
  sun.vy = -py / solarMass
  sun.vz = -pz / solarMass
end

local steps = 1000000
local s = setmetatable({ bodies = {
  planet(0, 0, 0, 0, 0, 0, 1),
  -- Jupiter
  planet(4.84143144246472090e+00, -1.16032004402742839e+00, -1.03622044471123109e-01,
    1.66007664274403694e-03, 7.69901118419740425e-03, -6.90460016972063023e-05,
    9.54791938424326609e-04),
  -- Saturn
  planet(8.34336671824457987e+00, 4.12479856412430479e+00, -4.03523417114321381e-01,
    -2.76742510726862411e-03, 4.99852801234917238e-03, 2.30417297573763929e-05,
    2.85885980666130812e-04),
  -- Uranus
  planet(1.28943695621391310e+01, -1.51111514016986312e+01, -2.23307578892655734e-01,
    2.96460137564761618e-03, 2.37847173959480950e-03, -2.96589568540237556e-05,
    4.36624404335156298e-05),
  -- Neptune
  planet(1.53796971148509165e+01, -2.59193146099879641e+01, 1.79258772950371181e-01,
    2.68067772490389322e-03, 1.62824170038242295e-03, -9.51592254519715870e-05,
    5.15138902046611451e-05),
} }, System)
s:offsetMomentum()
print(string.format("%.9f", s:energy()))
for _ = 1, steps do
  s:advance(0.01)
end
print(string.format("%.9f", s:energy()))
