package lint

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"maps"
	"os"
	"path/filepath"
	"reflect"
	"slices"
	"strings"
	"time"

	"go.yaml.in/yaml/v3"

	"github.com/xlint/xlint/history"
	"github.com/xlint/xlint/internal/regular"
)

// ConfigName is the file name config discovery looks for.
const ConfigName = ".xlint.yaml"

// Plans and tiers xlint knows.
var (
	Plans = []string{"free", "premium", "premium-plus"}
	Tiers = []string{"free", "basic", "pro", "enterprise", "pay-per-use"}
)

// Config is xlint's configuration (.xlint.yaml). The zero value is usable:
// free plan, free tier, no history, default limits (a Limits left entirely
// at its zero value means DefaultLimits(); to change one limit, start from
// DefaultLimits()).
type Config struct {
	// Account is the default account for drafts that name none.
	Account string `yaml:"account"`
	// Plan is the account's subscription: free, premium or premium-plus.
	Plan string `yaml:"plan"`
	// Tier is the app's API access: free, basic, pro, enterprise or
	// pay-per-use.
	Tier string `yaml:"tier"`
	// Accounts overrides plan and tier per account, named with or
	// without "@", in any case.
	Accounts map[string]AccountConfig `yaml:"accounts"`
	// History is the history file (relative to the config file) and what
	// it stores; `history: PATH` is short for `history: {path: PATH}`.
	History HistoryConfig `yaml:"history"`
	// Window is the duplicate look-back (default 24h).
	Window Duration `yaml:"window"`
	// Credentials is the OAuth token file; it enables the auth rules.
	Credentials string `yaml:"credentials"`
	// ClientID is the app's current OAuth client id.
	ClientID string `yaml:"client_id"`
	// URLs holds the host lists.
	URLs URLConfig `yaml:"urls"`
	// Limits overrides any numeric limit.
	Limits Limits `yaml:"limits"`
	// Rules sets a rule's severity, or turns it off.
	Rules map[string]RuleConfig `yaml:"rules"`

	// Dir is the folder of the config file; relative paths in it are
	// relative to Dir. Empty means the working directory.
	Dir string `yaml:"-"`
	// File is the config file's path, empty when none was read.
	File string `yaml:"-"`

	doc *yaml.Node // the file's YAML, for the lines of errors found later
}

// line returns the line of the key at path in the config file, or 0 when
// the config was not read from one or holds no such key.
func (c *Config) line(path ...string) int {
	if c.doc == nil || len(c.doc.Content) == 0 {
		return 0
	}
	n, line := c.doc.Content[0], 0
	for _, key := range path {
		if n.Kind != yaml.MappingNode {
			return 0
		}
		found := false
		for i := 0; i+1 < len(n.Content); i += 2 {
			if k := n.Content[i]; k.Kind == yaml.ScalarNode && k.Value == key {
				n, line, found = n.Content[i+1], k.Line, true
				break
			}
		}
		if !found {
			return 0
		}
	}
	return line
}

// errorAt is an error at the line of the key at path, when known.
func (c *Config) errorAt(path []string, format string, args ...any) error {
	msg := fmt.Sprintf(format, args...)
	if line := c.line(path...); line > 0 {
		msg = fmt.Sprintf("line %d: %s", line, msg)
	}
	return errors.New(msg)
}

// AccountConfig overrides the plan and tier of one account.
type AccountConfig struct {
	Plan string `yaml:"plan"`
	Tier string `yaml:"tier"`
}

// URLConfig holds the host lists of the URL rules.
type URLConfig struct {
	// Allow lists hosts never flagged (branded short links).
	Allow []string `yaml:"allow"`
	// Shorteners adds hosts to the built-in shortener list.
	Shorteners []string `yaml:"shorteners"`
	// Block lists blocked hosts (a domain and its subdomains).
	Block []string `yaml:"block"`
	// Lists names files of shortener hosts, one a line.
	Lists []string `yaml:"lists"`
}

// HistoryConfig says where the post history is and what it keeps.
type HistoryConfig struct {
	// Path is the history file; default .xlint/history.jsonl beside the
	// config file.
	Path string `yaml:"path"`
	// StoreText false keeps only fingerprints, not the posts' text.
	StoreText *bool `yaml:"store_text"`
}

// UnmarshalYAML accepts a path or {path, store_text}.
func (h *HistoryConfig) UnmarshalYAML(n *yaml.Node) error {
	if n.Kind == yaml.ScalarNode {
		h.Path = n.Value
		return nil
	}
	type plain HistoryConfig
	return decodeStrict(n, (*plain)(h))
}

// HistoryPath is the history file: the configured one, else
// .xlint/history.jsonl beside the config file (or in the working
// directory without one).
func (c *Config) HistoryPath() string {
	if c.History.Path != "" {
		return c.Path(c.History.Path)
	}
	return c.Path(filepath.Join(".xlint", "history.jsonl"))
}

// StoreText reports whether the history keeps the posts' text.
func (c *Config) StoreText() bool { return c.History.StoreText == nil || *c.History.StoreText }

// RuleConfig is a rule's setting: a severity, or off.
type RuleConfig struct {
	Severity Severity
	// Disabled turns the rule off.
	Disabled bool
}

// UnmarshalYAML accepts `off` or `{severity: warning}`.
func (r *RuleConfig) UnmarshalYAML(n *yaml.Node) error {
	if n.Kind == yaml.ScalarNode {
		s, err := ParseSeverity(n.Value)
		if err != nil {
			return fmt.Errorf("line %d: %v", n.Line, err)
		}
		*r = RuleConfig{Severity: s, Disabled: s == Off}
		return nil
	}
	var v struct {
		Severity string `yaml:"severity"`
	}
	if err := decodeStrict(n, &v); err != nil {
		return err
	}
	s, err := ParseSeverity(v.Severity)
	if err != nil {
		return fmt.Errorf("line %d: %v", n.Line, err)
	}
	*r = RuleConfig{Severity: s, Disabled: s == Off}
	return nil
}

// Duration is a time.Duration written as "24h" or "90m".
type Duration struct{ time.Duration }

// UnmarshalYAML reads a Go duration string. Every duration of the config
// is a window, which an empty one would quietly turn off (the duplicate
// window used to fall back to 24 h instead): 0 is refused. A rule is
// turned off under rules:.
func (d *Duration) UnmarshalYAML(n *yaml.Node) error {
	v, err := time.ParseDuration(n.Value)
	if err != nil || v < 0 {
		return fmt.Errorf("line %d: %q is not a duration (like 24h or 90m)", n.Line, n.Value)
	}
	if v == 0 {
		//lint:ignore ST1005 the message ends by naming the rules: key
		return fmt.Errorf("line %d: a window of %q is empty: give one like 24h or 90m, or turn the rule off under rules:", n.Line, n.Value)
	}
	d.Duration = v
	return nil
}

func decodeStrict(n *yaml.Node, v any) error {
	// yaml.v3 checks unknown keys only through a Decoder, so re-encode the
	// node; configs are small.
	b, err := yaml.Marshal(n)
	if err != nil {
		return err
	}
	dec := yaml.NewDecoder(bytes.NewReader(b))
	dec.KnownFields(true)
	if err := dec.Decode(v); err != nil {
		return fmt.Errorf("line %d: %v", n.Line, err)
	}
	return nil
}

// ConfigError is a configuration that cannot be used.
type ConfigError struct {
	File string
	Err  error
}

func (e *ConfigError) Error() string {
	if e.File == "" {
		return e.Err.Error()
	}
	return e.File + ": " + e.Err.Error()
}

func (e *ConfigError) Unwrap() error { return e.Err }

// maxConfigSize bounds what a config file may hold.
const maxConfigSize = 1 << 20

// ParseConfig reads a config file's content; name is used in errors.
func ParseConfig(name string, data []byte) (*Config, error) {
	c := &Config{Limits: DefaultLimits()}
	if len(data) > maxConfigSize {
		return nil, &ConfigError{name, fmt.Errorf("config is larger than %d bytes", maxConfigSize)}
	}
	// The decoder compares every key of a map with every other, and
	// reports each repeated pair: 6,000 repeats of a key took 6 GB. The
	// document is checked first, as a tree, where that is cheap.
	var doc yaml.Node
	if err := yaml.Unmarshal(data, &doc); err == nil {
		if err := checkKeys(&doc, reflect.TypeFor[Config]()); err != nil {
			return nil, &ConfigError{name, err}
		}
	}
	dec := yaml.NewDecoder(bytes.NewReader(data))
	dec.KnownFields(true)
	if err := dec.Decode(c); err != nil && !errors.Is(err, io.EOF) {
		return nil, &ConfigError{name, cleanYAMLError(err)}
	}
	// A second document would be read by nothing: say so rather than
	// ignore its keys. An empty one (a trailing "---") holds none.
	for {
		var next yaml.Node
		err := dec.Decode(&next)
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			return nil, &ConfigError{name, cleanYAMLError(err)}
		}
		if !emptyDocument(&next) {
			return nil, &ConfigError{name, fmt.Errorf("line %d: a config is one YAML document; remove the \"---\" and merge what follows", next.Line)}
		}
	}
	if err := checkCounts(&doc); err != nil {
		return nil, &ConfigError{name, err}
	}
	c.File = name
	c.Dir = filepath.Dir(name)
	c.doc = &doc
	if err := c.validate(); err != nil {
		return nil, &ConfigError{name, err}
	}
	return c, nil
}

// maxConfigKeys bounds the keys of one map of a config (accounts, rules,
// limits): a few hundred accounts is a big config.
const maxConfigKeys = 10000

// checkKeys returns an error for the first map of the YAML tree n that
// holds more than maxConfigKeys keys, or that the decoder would read (into
// a value of type t) and that holds one key twice, in the decoder's words.
// It follows the decoder: into the known fields of a struct, the values of
// a map, the items of a slice, and everywhere under a type that reads
// itself (nil t); the subtree of an unknown key is left for the decoder
// to refuse by name.
func checkKeys(n *yaml.Node, t reflect.Type) error {
	if t != nil {
		for t.Kind() == reflect.Pointer {
			t = t.Elem()
		}
		if reflect.PointerTo(t).Implements(reflect.TypeFor[yaml.Unmarshaler]()) {
			t = nil
		}
	}
	switch n.Kind {
	case yaml.DocumentNode:
		for _, c := range n.Content {
			if err := checkKeys(c, t); err != nil {
				return err
			}
		}
	case yaml.AliasNode:
		if n.Alias != nil {
			return checkKeys(n.Alias, nil)
		}
	case yaml.SequenceNode:
		if t != nil && t.Kind() != reflect.Slice {
			return nil
		}
		var elem reflect.Type
		if t != nil {
			elem = t.Elem()
		}
		for _, c := range n.Content {
			if err := checkKeys(c, elem); err != nil {
				return err
			}
		}
	case yaml.MappingNode:
		if len(n.Content)/2 > maxConfigKeys {
			return fmt.Errorf("line %d: a map of more than %d keys", n.Line, maxConfigKeys)
		}
		seen := make(map[string]int, len(n.Content)/2)
		for i := 0; i+1 < len(n.Content); i += 2 {
			k, v := n.Content[i], n.Content[i+1]
			if k.Kind == yaml.ScalarNode {
				if line, ok := seen[k.Value]; ok {
					return fmt.Errorf("line %d: mapping key %q already defined at line %d", k.Line, k.Value, line)
				}
				seen[k.Value] = k.Line
			}
			var vt reflect.Type
			switch {
			case t == nil:
			case t.Kind() == reflect.Map:
				vt = t.Elem()
			case t.Kind() == reflect.Struct:
				f, ok := yamlField(t, k.Value)
				if !ok {
					continue // the decoder refuses the key, and reads no further
				}
				vt = f.Type
			default:
				continue // not a map: the decoder refuses it
			}
			if err := checkKeys(v, vt); err != nil {
				return err
			}
		}
	}
	return nil
}

// yamlField returns t's field named key in YAML.
func yamlField(t reflect.Type, key string) (reflect.StructField, bool) {
	for _, f := range reflect.VisibleFields(t) {
		if name, _, _ := strings.Cut(f.Tag.Get("yaml"), ","); name == key && f.IsExported() {
			return f, true
		}
	}
	return reflect.StructField{}, false
}

// emptyDocument reports whether a YAML document holds nothing, or null.
func emptyDocument(n *yaml.Node) bool {
	return len(n.Content) == 0 || n.Content[0].Kind == yaml.ScalarNode && n.Content[0].Tag == "!!null"
}

func cleanYAMLError(err error) error {
	msg := strings.TrimPrefix(err.Error(), "yaml: ")
	msg = strings.ReplaceAll(msg, "unmarshal errors:\n  ", "")
	return errors.New(msg)
}

func (c *Config) validate() error {
	if err := c.checkPlanTier(nil, c.Plan, c.Tier); err != nil {
		return err
	}
	// "@Acme" and "acme" are one account (history.AccountKey): the
	// first name, in order, with the key of an earlier one is refused.
	folded := make(map[string]string, len(c.Accounts))
	for _, name := range slices.Sorted(maps.Keys(c.Accounts)) {
		key := history.AccountKey(name)
		if other, ok := folded[key]; ok {
			at := name // the later in the file, most likely the one added
			if c.line("accounts", other) > c.line("accounts", name) {
				at = other
			}
			return c.errorAt([]string{"accounts", at}, "accounts: %q and %q are the same account", other, name)
		}
		folded[key] = name
		if err := c.checkPlanTier([]string{"accounts", name}, c.Accounts[name].Plan, c.Accounts[name].Tier); err != nil {
			return err
		}
	}
	return c.Limits.validate()
}

// checkPlanTiers checks the plans and tiers of a config built in Go, as
// ParseConfig checks a file's.
func (c *Config) checkPlanTiers() error {
	if err := c.checkPlanTier(nil, c.Plan, c.Tier); err != nil {
		return err
	}
	for _, name := range slices.Sorted(maps.Keys(c.Accounts)) {
		if err := c.checkPlanTier([]string{"accounts", name}, c.Accounts[name].Plan, c.Accounts[name].Tier); err != nil {
			return err
		}
	}
	return nil
}

// checkPlanTier checks a plan and a tier set at path (nil for the top
// level of the config); empty ones are unset.
func (c *Config) checkPlanTier(path []string, plan, tier string) error {
	prefix := strings.Join(path, ".")
	if prefix != "" {
		prefix += "."
	}
	for _, v := range planTier(plan, tier) {
		if msg := v.unknown(); msg != "" {
			return c.errorAt(append(slices.Clip(path), v.key), "%s%s", prefix, msg)
		}
	}
	return nil
}

// namedValue is a plan or a tier as set somewhere, with the names xlint
// knows for it.
type namedValue struct {
	key, value string
	known      []string
}

func planTier(plan, tier string) [2]namedValue {
	return [2]namedValue{{"plan", plan, Plans}, {"tier", tier, Tiers}}
}

// unknown says what is wrong with a value set to a name xlint does not
// know ("plan \"gold\" is not one of free, premium, premium-plus"), or is
// "" for a known or unset one.
func (v namedValue) unknown() string {
	if v.value == "" || slices.Contains(v.known, v.value) {
		return ""
	}
	return fmt.Sprintf("%s %q is not one of %s", v.key, v.value, strings.Join(v.known, ", "))
}

// LoadConfig reads the config file at path.
func LoadConfig(path string) (*Config, error) {
	f, _, err := regular.Open(path)
	if err != nil {
		return nil, &ConfigError{path, errors.Unwrap(err)}
	}
	defer f.Close()
	// One byte past the limit is enough for ParseConfig to refuse it.
	data, err := io.ReadAll(io.LimitReader(f, maxConfigSize+1))
	if err != nil {
		return nil, &ConfigError{path, errors.Unwrap(err)}
	}
	return ParseConfig(path, data)
}

// FindConfig walks up from dir to the first folder holding .xlint.yaml and
// returns its path, or "" when there is none.
func FindConfig(dir string) (string, error) {
	dir, err := filepath.Abs(dir)
	if err != nil {
		return "", err
	}
	for {
		p := filepath.Join(dir, ConfigName)
		if fi, err := os.Stat(p); err == nil && !fi.IsDir() {
			return p, nil
		}
		parent := filepath.Dir(dir)
		if parent == dir {
			return "", nil
		}
		dir = parent
	}
}

// DefaultConfig is the configuration used without a config file.
func DefaultConfig() *Config {
	return &Config{Limits: DefaultLimits()}
}

// Path resolves a path of the config relative to its folder.
func (c *Config) Path(p string) string {
	if p == "" || filepath.IsAbs(p) || c.Dir == "" {
		return p
	}
	return filepath.Join(c.Dir, p)
}

// WindowOrDefault is the duplicate window.
func (c *Config) WindowOrDefault() time.Duration {
	if c.Window.Duration > 0 {
		return c.Window.Duration
	}
	return 24 * time.Hour
}

// HistoryFrom returns the earliest time of a history record that the check
// of a post at at can look at: the duplicate windows and the usage caps' (24
// hours, the calendar month in UTC) reach no further back. A check may load
// the history from then on (history.LoadSince). A rule that looks further
// back must widen it.
func (c *Config) HistoryFrom(at time.Time) time.Time {
	back := max(c.WindowOrDefault(), c.Limits.NearDuplicateWindow.Duration, 24*time.Hour)
	u := at.UTC()
	month := time.Date(u.Year(), u.Month(), 1, 0, 0, 0, 0, time.UTC)
	return minTime(at.Add(-back), month)
}

// PlanTier resolves an account's plan and tier: the post's own override,
// then the account's entry, then the config's defaults, then free.
func (c *Config) PlanTier(account, plan, tier string) (string, string) {
	a, ok := c.Accounts[account]
	if !ok {
		// X's user names ignore case, and "@" is not part of them. A
		// config built in Go may name an account twice: the first name
		// in sort order wins, every time.
		found := ""
		for name, ac := range c.Accounts {
			if history.SameAccount(name, account) && (!ok || name < found) {
				a, ok, found = ac, true, name
			}
		}
	}
	if ok {
		plan = cmpOr(plan, a.Plan)
		tier = cmpOr(tier, a.Tier)
	}
	return cmpOr(plan, c.Plan, "free"), cmpOr(tier, c.Tier, "free")
}

func cmpOr(vals ...string) string {
	for _, v := range vals {
		if v != "" {
			return v
		}
	}
	return ""
}
