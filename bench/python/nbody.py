# nbody: 5-body simulation with one object per body and methods, see
# ../nbody.gol. The floating-point operations happen in the same order.
from math import sqrt

PI = 3.141592653589793
SOLAR_MASS = 4 * PI * PI
DAYS_PER_YEAR = 365.24


class Body:
    __slots__ = ("x", "y", "z", "vx", "vy", "vz", "mass")

    def __init__(self, x, y, z, vx, vy, vz, mass):
        self.x, self.y, self.z = x, y, z
        self.vx = vx * DAYS_PER_YEAR
        self.vy = vy * DAYS_PER_YEAR
        self.vz = vz * DAYS_PER_YEAR
        self.mass = mass * SOLAR_MASS

    def interact(self, o, dt):
        dx = self.x - o.x
        dy = self.y - o.y
        dz = self.z - o.z
        d2 = dx * dx + dy * dy + dz * dz
        mag = dt / (d2 * sqrt(d2))
        bm = self.mass * mag
        om = o.mass * mag
        self.vx -= dx * om
        self.vy -= dy * om
        self.vz -= dz * om
        o.vx += dx * bm
        o.vy += dy * bm
        o.vz += dz * bm

    def move(self, dt):
        self.x += dt * self.vx
        self.y += dt * self.vy
        self.z += dt * self.vz

    def kinetic(self):
        return 0.5 * self.mass * (self.vx * self.vx + self.vy * self.vy + self.vz * self.vz)


class System:
    def __init__(self, bodies):
        self.bodies = bodies

    def advance(self, dt):
        bodies = self.bodies
        n = len(bodies)
        for i in range(n):
            b = bodies[i]
            for j in range(i + 1, n):
                b.interact(bodies[j], dt)
        for i in range(n):
            bodies[i].move(dt)

    def energy(self):
        e = 0.0
        bodies = self.bodies
        n = len(bodies)
        for i in range(n):
            b = bodies[i]
            e += b.kinetic()
            for j in range(i + 1, n):
                o = bodies[j]
                dx = b.x - o.x
                dy = b.y - o.y
                dz = b.z - o.z
                e -= b.mass * o.mass / sqrt(dx * dx + dy * dy + dz * dz)
        return e

    def offset_momentum(self):
        px = py = pz = 0.0
        for b in self.bodies:
            px += b.vx * b.mass
            py += b.vy * b.mass
            pz += b.vz * b.mass
        sun = self.bodies[0]
        sun.vx = -px / SOLAR_MASS
        sun.vy = -py / SOLAR_MASS
        sun.vz = -pz / SOLAR_MASS


def main():
    steps = 1000000
    s = System([
        Body(0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 1.0),
        # Jupiter
        Body(4.84143144246472090e+00, -1.16032004402742839e+00, -1.03622044471123109e-01,
             1.66007664274403694e-03, 7.69901118419740425e-03, -6.90460016972063023e-05,
             9.54791938424326609e-04),
        # Saturn
        Body(8.34336671824457987e+00, 4.12479856412430479e+00, -4.03523417114321381e-01,
             -2.76742510726862411e-03, 4.99852801234917238e-03, 2.30417297573763929e-05,
             2.85885980666130812e-04),
        # Uranus
        Body(1.28943695621391310e+01, -1.51111514016986312e+01, -2.23307578892655734e-01,
             2.96460137564761618e-03, 2.37847173959480950e-03, -2.96589568540237556e-05,
             4.36624404335156298e-05),
        # Neptune
        Body(1.53796971148509165e+01, -2.59193146099879641e+01, 1.79258772950371181e-01,
             2.68067772490389322e-03, 1.62824170038242295e-03, -9.51592254519715870e-05,
             5.15138902046611451e-05),
    ])
    s.offset_momentum()
    print("%.9f" % s.energy())
    for _ in range(steps):
        s.advance(0.01)
    print("%.9f" % s.energy())


main()
