package calendar

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"sync/atomic"
	"time"
	_ "time/tzdata" // zone names resolve on machines without a zoneinfo database (Windows)

	"gorm.io/gorm"

	"churndesk/backend/fault"
	"churndesk/backend/store"
)

// zoneKey is the setting the team's time zone is stored under.
const zoneKey = "team_time_zone"

// Database is what the zone setting needs from the store.
type Database interface {
	Read(ctx context.Context) *gorm.DB
	Write(ctx context.Context) *gorm.DB
}

// Validator checks input structs and returns field errors.
type Validator interface {
	Struct(s any) error
}

// ZoneInput chooses the team's time zone.
type ZoneInput struct {
	Zone string `json:"zone" validate:"required,max=64" maxLength:"64" description:"IANA time zone name, e.g. Europe/Warsaw."`
}

// ZoneSettings is the team's time zone as the settings screen shows it.
type ZoneSettings struct {
	Zone        string     `json:"zone" description:"The team's time zone: it decides what today is and which day a timestamp falls on."`
	MachineZone string     `json:"machine_zone" description:"This machine's zone, the default while none is chosen."`
	Chosen      bool       `json:"chosen" description:"False while the machine's zone is used by default."`
	Today       store.Date `json:"today" description:"Today in the team's time zone."`
}

// zoneRefresh is how long a cached zone is trusted: another process on
// the same database (team mode) may have changed it.
const zoneRefresh = time.Minute

// Zones keeps the team's time zone, cached for the clock, refreshed when
// it is saved here and re-read in the background once the cache is older
// than zoneRefresh.
type Zones struct {
	db     Database
	check  Validator
	now    func() time.Time
	loc    atomic.Pointer[time.Location]
	loaded atomic.Int64 // machine clock (Unix nanoseconds) of the last load; 0 before any
}

// NewZones returns the zone setting on db; now is the machine's clock.
func NewZones(db Database, check Validator, now func() time.Time) *Zones {
	z := &Zones{db: db, check: check, now: now}
	z.loc.Store(machineLocation())
	return z
}

// Load reads the stored zone into the cache; the machine's zone stays when
// none is stored or the stored name is unknown here.
func (z *Zones) Load(ctx context.Context) error {
	var in ZoneInput
	found, err := store.LoadSetting(z.db.Read(ctx), zoneKey, &in)
	if err != nil {
		return err
	}
	z.loaded.Store(z.now().UnixNano())
	if !found {
		return nil
	}
	if loc, err := time.LoadLocation(in.Zone); err == nil {
		z.loc.Store(loc)
	}
	return nil
}

// Location is the team's time zone. A cache older than zoneRefresh is
// re-read in the background; the answer never waits for the database.
func (z *Zones) Location() *time.Location {
	if last := z.loaded.Load(); last != 0 && z.now().UnixNano()-last > int64(zoneRefresh) &&
		z.loaded.CompareAndSwap(last, z.now().UnixNano()) {
		go func() { _ = z.Load(context.Background()) }()
	}
	return z.loc.Load()
}

// Clock wraps the machine clock so every time it gives is in the team's
// time zone: its calendar day is the team's today.
func (z *Zones) Clock() func() time.Time {
	return func() time.Time { return z.now().In(z.Location()) }
}

// Settings returns the zone in use and the machine's default.
func (z *Zones) Settings(ctx context.Context) (ZoneSettings, error) {
	var in ZoneInput
	found, err := store.LoadSetting(z.db.Read(ctx), zoneKey, &in)
	if err != nil {
		return ZoneSettings{}, err
	}
	loc := z.Location()
	return ZoneSettings{Zone: loc.String(), MachineZone: machineLocation().String(), Chosen: found,
		Today: store.NewDate(z.now().In(loc))}, nil
}

// Save validates and stores the team's time zone and switches the clock to it.
func (z *Zones) Save(ctx context.Context, in ZoneInput) (ZoneSettings, error) {
	in.Zone = strings.TrimSpace(in.Zone)
	if err := z.check.Struct(in); err != nil {
		return ZoneSettings{}, err
	}
	loc, err := time.LoadLocation(in.Zone)
	if err != nil || in.Zone == "Local" {
		return ZoneSettings{}, fault.Field("zone", "unknown time zone; use an IANA name such as Europe/Warsaw")
	}
	if err := store.SaveSetting(z.db.Write(ctx), zoneKey, ZoneInput{Zone: loc.String()}, z.now().UTC()); err != nil {
		return ZoneSettings{}, err
	}
	z.loc.Store(loc)
	z.loaded.Store(z.now().UnixNano())
	return z.Settings(ctx)
}

// machineLocation is the machine's zone under its IANA name where one can
// be found (TZ, then /etc/localtime), else the machine's local zone.
func machineLocation() *time.Location {
	if name := strings.TrimPrefix(os.Getenv("TZ"), ":"); name != "" {
		if loc, err := time.LoadLocation(name); err == nil {
			return loc
		}
	}
	if target, err := filepath.EvalSymlinks("/etc/localtime"); err == nil {
		if i := strings.Index(target, "zoneinfo/"); i >= 0 {
			if loc, err := time.LoadLocation(target[i+len("zoneinfo/"):]); err == nil {
				return loc
			}
		}
	}
	return time.Local
}
