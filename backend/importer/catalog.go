package importer

import (
	"bytes"
	"context"
	"sort"
	"strings"

	"gorm.io/gorm"

	"churndesk/backend/fault"
	"churndesk/backend/store"
)

// KindFields are the fields of one kind of import.
type KindFields struct {
	Kind     string   `json:"kind" enum:"accounts,contacts,usage,nps,churn"`
	Required []string `json:"required"`
	Optional []string `json:"optional"`
}

// PresetInfo describes a preset: the CRM source its accounts get, what its
// account column holds and, per kind, the column it reads for each field.
type PresetInfo struct {
	Name       string                       `json:"name" enum:"hubspot,salesforce,pipedrive,stripe,generic"`
	Source     string                       `json:"source"`
	AccountKey string                       `json:"account_key" enum:"id,external_id,domain,name"`
	Mappings   map[string]map[string]string `json:"mappings" description:"kind → ChurnDesk field → the export's column header."`
	Values     map[string]map[string]string `json:"values" description:"The preset's value tables: field → the export's code → what ChurnDesk stores."`
}

// Catalog lists every kind's fields and every preset.
type Catalog struct {
	Kinds   []KindFields `json:"kinds"`
	Presets []PresetInfo `json:"presets"`
}

var kindOrder = []string{"accounts", "contacts", "usage", "nps", "churn"}

var presetOrder = []string{"hubspot", "salesforce", "pipedrive", "stripe", "generic"}

// Catalog returns the fields of each kind and the presets with their mappings.
func (s *Service) Catalog(context.Context) (Catalog, error) {
	out := Catalog{Kinds: []KindFields{}, Presets: []PresetInfo{}}
	for _, k := range kindOrder {
		f := Fields[k]
		out.Kinds = append(out.Kinds, KindFields{Kind: k, Required: f.Required, Optional: f.Optional})
	}
	for _, name := range presetOrder {
		p := Presets[name]
		m := map[string]map[string]string{}
		for kind, fields := range p.Mappings {
			m[kind] = fields
		}
		values := map[string]map[string]string{}
		for f, t := range p.Values {
			values[f] = t
		}
		out.Presets = append(out.Presets, PresetInfo{Name: name, Source: p.Source, AccountKey: p.AccountKey, Mappings: m, Values: values})
	}
	return out, nil
}

// Preview is what a file looks like: how it is encoded and separated, its
// header and its first rows.
type Preview struct {
	Encoding  string     `json:"encoding" enum:"utf-8,windows-1250,windows-1251"`
	Delimiter string     `json:"delimiter"`
	Header    []string   `json:"header"`
	Sample    [][]string `json:"sample" description:"Up to five rows after the header."`
}

// Inspect reads the start of a file. The caller may send only its first
// part, so a last line that may have been cut is dropped.
func (s *Service) Inspect(raw []byte, partial bool) (Preview, error) {
	if partial {
		if i := bytes.LastIndexByte(raw, '\n'); i > 0 {
			raw = raw[:i+1]
		}
	}
	t, err := ReadTable(raw)
	if err != nil {
		return Preview{}, err
	}
	p := Preview{Encoding: t.Encoding, Delimiter: t.Delimiter, Header: t.Header, Sample: [][]string{}}
	for _, row := range t.Rows {
		if len(p.Sample) == 5 {
			break
		}
		p.Sample = append(p.Sample, row)
	}
	return p, nil
}

// SavedMapping is a named column mapping kept for files a preset does not know.
type SavedMapping struct {
	ID         int64                        `json:"id"`
	Name       string                       `json:"name" validate:"required,max=100"`
	Kind       string                       `json:"kind" validate:"required,oneof=accounts contacts usage nps churn" enum:"accounts,contacts,usage,nps,churn"`
	AccountKey string                       `json:"account_key,omitempty" validate:"omitempty,oneof=id external_id domain name" enum:"id,external_id,domain,name"`
	Mapping    map[string]string            `json:"mapping" validate:"required"`
	Values     map[string]map[string]string `json:"values,omitempty" description:"Value tables saved with the mapping: field (industry, status) → code → stored value."`
}

// MappingInput is a mapping to save; one with the same name and kind is replaced.
type MappingInput struct {
	Name       string                       `json:"name" validate:"required,max=100"`
	Kind       string                       `json:"kind" validate:"required,oneof=accounts contacts usage nps churn" enum:"accounts,contacts,usage,nps,churn"`
	AccountKey string                       `json:"account_key,omitempty" validate:"omitempty,oneof=id external_id domain name" enum:"id,external_id,domain,name"`
	Mapping    map[string]string            `json:"mapping" validate:"required"`
	Values     map[string]map[string]string `json:"values,omitempty" description:"Value tables: field (industry, status) → the file's code → what ChurnDesk stores."`
}

// MappingList holds the saved mappings, by name.
type MappingList struct {
	Items []SavedMapping `json:"items"`
}

const mappingsKey = "import.mappings"

func loadMappings(db *gorm.DB) ([]SavedMapping, error) {
	var items []SavedMapping
	if _, err := store.LoadSetting(db, mappingsKey, &items); err != nil {
		return nil, err
	}
	return items, nil
}

// Mappings lists the saved mappings, sorted by name.
func (s *Service) Mappings(ctx context.Context) (MappingList, error) {
	items, err := loadMappings(s.db.Read(ctx))
	if err != nil {
		return MappingList{}, err
	}
	sort.SliceStable(items, func(i, j int) bool { return strings.ToLower(items[i].Name) < strings.ToLower(items[j].Name) })
	if items == nil {
		items = []SavedMapping{}
	}
	return MappingList{Items: items}, nil
}

// SaveMapping stores a mapping under its name, replacing one of the same
// name and kind. Every field must belong to the kind and name a column.
func (s *Service) SaveMapping(ctx context.Context, in MappingInput) (SavedMapping, error) {
	in.Name = strings.TrimSpace(in.Name)
	if err := s.check.Struct(in); err != nil {
		return SavedMapping{}, err
	}
	spec := Fields[in.Kind]
	fields := map[string]string{}
	clean := map[string]string{}
	for f, col := range in.Mapping {
		col = strings.TrimSpace(col)
		switch {
		case !contains(spec.Required, f) && !contains(spec.Optional, f):
			fields["mapping."+f] = "is not a field of this kind of import"
		case col != "":
			clean[f] = col
		}
	}
	for _, f := range spec.Required {
		if clean[f] == "" {
			fields["mapping."+f] = "is required: name the column that holds it"
		}
	}
	for f, table := range in.Values {
		if f != "industry" && f != "status" {
			fields["values."+f] = "only industry and status have value tables"
			continue
		}
		for code, v := range table {
			if f == "status" && !contains([]string{"trial", "onboarding", "active", "churned"}, v) {
				fields["values.status."+code] = "must be trial, onboarding, active or churned"
			}
		}
	}
	if len(fields) > 0 {
		return SavedMapping{}, fault.Validation(fields)
	}
	var saved SavedMapping
	err := s.db.Tx(ctx, func(tx *gorm.DB) error {
		items, err := loadMappings(tx)
		if err != nil {
			return err
		}
		saved = SavedMapping{Name: in.Name, Kind: in.Kind, AccountKey: in.AccountKey, Mapping: clean, Values: in.Values}
		var next int64 = 1
		replaced := false
		for i, m := range items {
			next = max(next, m.ID+1)
			if strings.EqualFold(m.Name, in.Name) && m.Kind == in.Kind {
				saved.ID = m.ID
				items[i] = saved
				replaced = true
			}
		}
		if !replaced {
			saved.ID = next
			items = append(items, saved)
		}
		return store.SaveSetting(tx, mappingsKey, items, s.now().UTC())
	})
	return saved, err
}

// DeleteMapping forgets a saved mapping.
func (s *Service) DeleteMapping(ctx context.Context, id int64) error {
	return s.db.Tx(ctx, func(tx *gorm.DB) error {
		items, err := loadMappings(tx)
		if err != nil {
			return err
		}
		kept := items[:0]
		for _, m := range items {
			if m.ID != id {
				kept = append(kept, m)
			}
		}
		if len(kept) == len(items) {
			return fault.NotFound("saved mapping", id)
		}
		return store.SaveSetting(tx, mappingsKey, kept, s.now().UTC())
	})
}
