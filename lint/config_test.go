package lint_test

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/xlint/xlint/lint"
	"github.com/xlint/xlint/rules"
)

func TestParseConfig(t *testing.T) {
	full := `
account: acme
plan: free
tier: basic
accounts:
  acme-jp: {plan: premium, tier: pro}
history: {path: hist.jsonl, store_text: false}
window: 12h
credentials: token.json
client_id: abc123
urls:
  allow: [acme.link]
  shorteners: [extra.ly]
  block: [spamsite.com]
  lists: [lists/s.txt]
limits:
  text_length: 200
  tiers: {free: {month: 1000}}
rules:
  duplicate-rules: {severity: warning}
  too-many-mentions: off
`
	c, err := lint.ParseConfig("dir/.xlint.yaml", []byte(full))
	if err != nil {
		t.Fatal(err)
	}
	if c.Account != "acme" || c.Tier != "basic" || c.Accounts["acme-jp"].Plan != "premium" {
		t.Errorf("accounts: %+v", c)
	}
	if got := c.HistoryPath(); got != filepath.Join("dir", "hist.jsonl") || c.StoreText() {
		t.Errorf("history %q store_text %v", got, c.StoreText())
	}
	if c.WindowOrDefault() != 12*time.Hour {
		t.Errorf("window %v", c.WindowOrDefault())
	}
	if c.Limits.TextLength != 200 || c.Limits.TextLengthPremium != 25000 {
		t.Errorf("limits override lost defaults: %+v", c.Limits)
	}
	if tl := c.Limits.Tiers.Tier("free"); tl.Month != 1000 || tl.UserPer24h != 17 {
		t.Errorf("tier override lost defaults: %+v", tl)
	}
	if r := c.Rules["duplicate-rules"]; r.Severity != lint.Warning || r.Disabled {
		t.Errorf("duplicate-rules: %+v", r)
	}
	if !c.Rules["too-many-mentions"].Disabled {
		t.Errorf("too-many-mentions not off")
	}
	if plan, tier := c.PlanTier("acme-jp", "", ""); plan != "premium" || tier != "pro" {
		t.Errorf("acme-jp: %s %s", plan, tier)
	}
	if plan, tier := c.PlanTier("other", "", ""); plan != "free" || tier != "basic" {
		t.Errorf("other: %s %s", plan, tier)
	}
	if plan, _ := c.PlanTier("acme-jp", "premium-plus", ""); plan != "premium-plus" {
		t.Errorf("post override: %s", plan)
	}
	if c.HistoryPath() == "" || lint.DefaultConfig().HistoryPath() != filepath.Join(".xlint", "history.jsonl") {
		t.Errorf("default history path %q", lint.DefaultConfig().HistoryPath())
	}
}

func TestConfigErrors(t *testing.T) {
	tests := []struct{ name, yaml, want string }{
		{"unknown key", "acount: acme\n", "acount"},
		{"unknown nested key", "urls:\n  alow: [x]\n", "alow"},
		{"unknown rule key", "rules:\n  duplicate: {severty: warning}\n", "severty"},
		{"bad severity", "rules:\n  duplicate: loud\n", "loud"},
		{"bad plan", "plan: gold\n", "gold"},
		{"bad tier", "accounts:\n  a: {tier: silver}\n", "silver"},
		{"list for map", "accounts: [a, b]\n", "line 1"},
		{"bad window", "window: soon\n", "soon"},
		{"negative limit", "limits: {max_urls: -1}\n", "max_urls"},
		{"NaN limit", "limits: {video_max_seconds_free: .nan}\n", "video_max_seconds_free must be a number"},
		{"infinite limit", "limits: {video_max_fps: .inf}\n", "video_max_fps must be a number"},
		{"huge limit", "limits: {video_min_seconds: 1e30}\n", "video_min_seconds must be at most 1e+09"},
		{"fractional count", "limits: {max_urls: 1.5}\n", "line 1: limits.max_urls: 1.5 is not a whole number"},
		{"fractional tier cap", "account: a\nlimits:\n  tiers:\n    free: {month: 10.5}\n", "line 4: limits.tiers.free.month: 10.5 is not a whole number"},
		{"fraction through an alias", "limits: {video_max_fps: &x 1.5, max_urls: *x}\n", "limits.max_urls: 1.5 is not a whole number"},
		{"fraction through a merge", "limits: {tiers: {free: {<<: [{month: 10}, {user_24h: 2.5}]}}}\n", "limits.tiers.free.user_24h: 2.5 is not a whole number"},
		{"limits merged in", "<<: {limits: {max_urls: 1.5}}\n", "limits.max_urls: 1.5 is not a whole number"},
		{"empty window", "window: 0\n", `a window of "0" is empty`},
		{"empty near-duplicate window", "limits: {near_duplicate_window: 0s}\n", `a window of "0s" is empty`},
		{"broken yaml", "account: [acme\n", "line"},
		{"second document after an empty one", "account: acme\n---\n---\nplan: gold\n", `line 3: a config is one YAML document`},
		{"second document", "account: acme\n---\nplan: gold\nbogus_key: 1\n", `line 2: a config is one YAML document`},
		{"broken second document", "account: acme\n---\nplan: [gold\n", "line"},
		{"account twice", "accounts:\n  acme: {plan: premium}\n  \"@acme\": {plan: free}\n", `"@acme" and "acme" are the same account`},
		{"account twice, in two cases", "accounts:\n  acme: {plan: premium}\n  AcMe: {plan: free}\n", `"AcMe" and "acme" are the same account`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := lint.ParseConfig("c.yaml", []byte(tt.yaml))
			var ce *lint.ConfigError
			if !errors.As(err, &ce) {
				t.Fatalf("err = %v, want a *ConfigError", err)
			}
			if !strings.Contains(err.Error(), tt.want) || !strings.HasPrefix(err.Error(), "c.yaml: ") {
				t.Errorf("err = %q, want it to name c.yaml and %q", err, tt.want)
			}
		})
	}
}

func TestFindConfigWalksUp(t *testing.T) {
	root := t.TempDir()
	deep := filepath.Join(root, "a", "b", "c")
	if err := os.MkdirAll(deep, 0o755); err != nil {
		t.Fatal(err)
	}
	if got, err := lint.FindConfig(deep); err != nil || got != "" {
		t.Fatalf("no config: %q, %v", got, err)
	}
	for _, p := range []string{filepath.Join(root, lint.ConfigName), filepath.Join(root, "a", lint.ConfigName)} {
		if err := os.WriteFile(p, nil, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	got, err := lint.FindConfig(deep)
	if err != nil || got != filepath.Join(root, "a", lint.ConfigName) {
		t.Errorf("FindConfig = %q, %v; want the nearest", got, err)
	}
}

func TestLoadCredentials(t *testing.T) {
	dir := t.TempDir()
	write := func(name, content string) string {
		p := filepath.Join(dir, name)
		if err := os.WriteFile(p, []byte(content), 0o600); err != nil {
			t.Fatal(err)
		}
		return p
	}
	c, err := lint.LoadCredentials(filepath.Join(dir, "missing.json"))
	if err != nil || !c.Missing {
		t.Errorf("missing: %+v %v", c, err)
	}
	c, err = lint.LoadCredentials(write("ok.json", `{"access_token":"tok","refresh_token":"r","expiry":"2026-01-01T00:00:00Z","client_id":"abc"}`))
	if err != nil || c.Empty || !c.Refreshable || c.ClientID != "abc" || c.Expiry.Year() != 2026 {
		t.Errorf("ok: %+v %v", c, err)
	}
	for name, content := range map[string]string{"bad.json": `{"access_token": "SECRET-TOKEN-123"`, "list.json": `["SECRET-TOKEN-123"]`} {
		_, err = lint.LoadCredentials(write(name, content))
		var ce *lint.ConfigError
		if !errors.As(err, &ce) || !strings.Contains(err.Error(), name) {
			t.Errorf("%s: err = %v, want a config error naming the file", name, err)
		}
		if err != nil && strings.Contains(err.Error(), "SECRET") {
			t.Errorf("%s: error leaks the token: %v", name, err)
		}
	}
	if _, err := lint.LoadCredentials(dir); err == nil {
		t.Errorf("a folder as credentials: no error")
	}
	// An empty file holds no token, as {} does: unauthorized says so.
	for name, content := range map[string]string{"empty.json": "", "blank.json": " \n\t", "object.json": "{}", "null.json": "null"} {
		if c, err := lint.LoadCredentials(write(name, content)); err != nil || !c.Empty {
			t.Errorf("%s: %+v %v, want no token and no error", name, c, err)
		}
	}
	if c, err := lint.LoadCredentials(write("nulls.json", `{"access_token":"t","expiry":null,"revoked":null}`)); err != nil || c.Revoked || !c.Expiry.IsZero() {
		t.Errorf("nulls: %+v %v", c, err)
	}
	// A field of the wrong shape is named, its value never quoted.
	for content, want := range map[string]string{
		`{"access_token":"t","revoked":"SECRET"}`:                 "revoked must be true or false, not a string",
		`{"access_token":"t","revoked":1}`:                        "revoked must be true or false, not a number",
		`{"access_token":"t","expiry":"SECRET 2026-11-01 00:00"}`: "expiry must be an RFC 3339 time",
		`{"access_token":"t","expiry":1700000000}`:                "expiry must be an RFC 3339 time",
		`{"access_token":5}`:                                      "access_token must be a string, not a number",
	} {
		_, err := lint.LoadCredentials(write("field.json", content))
		if err == nil || !strings.Contains(err.Error(), want) || strings.Contains(err.Error(), "SECRET") || strings.Contains(err.Error(), "1700000000") {
			t.Errorf("%s: err = %v, want %q and no value", content, err, want)
		}
	}
}

// TestConfigWholeCounts checks that counts written as whole floats or with
// digit separators are read, not refused with the fractions, and that a
// fraction a merge key brings in is not judged where the mapping or an
// earlier merge sets the same key.
func TestConfigWholeCounts(t *testing.T) {
	for _, y := range []string{
		"limits: {max_urls: 3, <<: {max_urls: 1.5}}\n",
		"limits: {<<: [{max_urls: 3}, {max_urls: 1.5}]}\n",
	} {
		c, err := lint.ParseConfig("c.yaml", []byte(y))
		if err != nil {
			t.Errorf("%q: %v", y, err)
		} else if c.Limits.MaxURLs != 3 {
			t.Errorf("%q: max_urls %d, want 3", y, c.Limits.MaxURLs)
		}
	}
	c, err := lint.ParseConfig("c.yaml", []byte("limits:\n  max_urls: 2.0\n  max_mentions: 1e3\n  text_length: 1_000\n  video_max_fps: 29.97\n"))
	if err != nil {
		t.Fatal(err)
	}
	if l := c.Limits; l.MaxURLs != 2 || l.MaxMentions != 1000 || l.TextLength != 1000 || l.VideoMaxFPS != 29.97 {
		t.Errorf("limits read as %d, %d, %d, %v; want 2, 1000, 1000, 29.97", l.MaxURLs, l.MaxMentions, l.TextLength, l.VideoMaxFPS)
	}
}

// TestConfigEmptyDocuments: a trailing "---", with or without a comment or
// a null after it, holds no keys and is no second document.
func TestConfigEmptyDocuments(t *testing.T) {
	for _, data := range []string{"account: acme\n---\n", "account: acme\n---\n# c\n", "account: acme\n---\n---\n", "account: acme\n---\n~\n", "---\naccount: acme\n...\n"} {
		c, err := lint.ParseConfig("c.yaml", []byte(data))
		if err != nil {
			t.Errorf("%q: %v", data, err)
		} else if c.Account != "acme" {
			t.Errorf("%q: account %q", data, c.Account)
		}
	}
}

// TestPlanTierAccountTwice: a config built in Go may name one account in
// two cases; the entry used does not change from call to call.
func TestPlanTierAccountTwice(t *testing.T) {
	c := lint.DefaultConfig()
	c.Accounts = map[string]lint.AccountConfig{"acme": {Plan: "premium"}, "ACME": {Plan: "premium-plus"}, "Other": {Plan: "premium"}}
	for range 100 {
		if plan, _ := c.PlanTier("Acme", "", ""); plan != "premium-plus" {
			t.Fatalf("PlanTier(Acme) = %s, want ACME's premium-plus", plan)
		}
	}
}

// TestConfigHostileMaps: a repeated key is one error, found without the
// decoder's comparison of every key with every other (6,000 repeats took
// 6 GB); a map is bounded; accounts that are one are found through one
// map, and the same pair is named every time.
func TestConfigHostileMaps(t *testing.T) {
	_, err := lint.ParseConfig("c.yaml", []byte("rules:\n"+strings.Repeat("  a: off\n", 6000)))
	if err == nil || err.Error() != `c.yaml: line 3: mapping key "a" already defined at line 2` {
		t.Errorf("repeated key: %v", err)
	}
	accounts := func(n int) []byte {
		var b strings.Builder
		b.WriteString("accounts:\n")
		for i := range n {
			fmt.Fprintf(&b, "  a%d: {plan: free}\n", i)
		}
		return []byte(b.String())
	}
	if _, err := lint.ParseConfig("c.yaml", accounts(10000)); err != nil {
		t.Errorf("10,000 accounts: %v", err)
	}
	if _, err := lint.ParseConfig("c.yaml", accounts(10001)); err == nil || !strings.Contains(err.Error(), "line 2: a map of more than 10000 keys") {
		t.Errorf("10,001 accounts: %v", err)
	}
	// A misspelt key is named before a repeat under it, which the
	// decoder never reads.
	if _, err := lint.ParseConfig("c.yaml", []byte("plan: free\nrulez:\n  a: off\n  a: off\n")); err == nil || !strings.Contains(err.Error(), "line 2: field rulez not found") {
		t.Errorf("repeat under a misspelt key: %v", err)
	}
	// A map where a list belongs is bounded too.
	var allow strings.Builder
	for i := range 10001 {
		fmt.Fprintf(&allow, "h%d: 1, ", i)
	}
	if _, err := lint.ParseConfig("c.yaml", []byte("urls:\n  allow: {"+allow.String()+"}\n")); err == nil || !strings.Contains(err.Error(), "a map of more than 10000 keys") {
		t.Errorf("a map of 10,001 hosts: %v", err)
	}
	for range 20 {
		_, err := lint.ParseConfig("c.yaml", []byte("accounts:\n  Acme: {}\n  '@acme': {}\n  ACME: {}\n  other: {}\n"))
		if err == nil || err.Error() != `c.yaml: line 4: accounts: "@acme" and "ACME" are the same account` {
			t.Fatalf("one account three times: %v", err)
		}
	}
}

// TestUnknownRulesInOrder: of several unknown rule ids, the first in
// order is named, every time.
func TestUnknownRulesInOrder(t *testing.T) {
	cfg, err := lint.ParseConfig("c.yaml", []byte("rules:\n  zz-nope: off\n  aa-nope: off\n  mm-nope: off\n"))
	if err != nil {
		t.Fatal(err)
	}
	for range 20 {
		if _, err := lint.NewEngine(cfg, rules.All(), lint.Options{}); err == nil || !strings.Contains(err.Error(), `unknown rule "aa-nope"`) {
			t.Fatalf("NewEngine: %v", err)
		}
	}
}

// TestConfigErrorLines: errors found after decoding name the key's line.
func TestConfigErrorLines(t *testing.T) {
	for data, want := range map[string]string{
		"account: acme\nplan: gold\n":                               `c.yaml: line 2: plan "gold" is not one of`,
		"\ntier: diamond\n":                                         `c.yaml: line 2: tier "diamond" is not one of`,
		"accounts:\n  acme:\n    tier: diamond\n":                   `c.yaml: line 3: accounts.acme.tier "diamond" is not one of`,
		"accounts:\n  acme: {}\n  x: {}\n  '@ACME': {plan: free}\n": `c.yaml: line 4: accounts: "@ACME" and "acme" are the same account`,
	} {
		if _, err := lint.ParseConfig("c.yaml", []byte(data)); err == nil || !strings.HasPrefix(err.Error(), want) {
			t.Errorf("%q: %v, want %s...", data, err, want)
		}
	}
	cfg, err := lint.ParseConfig("c.yaml", []byte("account: acme\nrules:\n  too-many-urls: off\n  nope: warning\n"))
	if err != nil {
		t.Fatal(err)
	}
	if _, err := lint.NewEngine(cfg, rules.All(), lint.Options{}); err == nil || err.Error() != `c.yaml: line 4: rules: unknown rule "nope"` {
		t.Errorf("unknown rule: %v", err)
	}
}

// TestNewEngineChecksPlanTier: a config built in Go with an unknown plan
// or tier is refused as a parsed one is, not checked as the free plan.
func TestNewEngineChecksPlanTier(t *testing.T) {
	for _, tt := range []struct {
		cfg  lint.Config
		want string
	}{
		{lint.Config{Plan: "gold"}, `plan "gold" is not one of free, premium, premium-plus`},
		{lint.Config{Tier: "platinum"}, `tier "platinum" is not one of free, basic`},
		{lint.Config{Accounts: map[string]lint.AccountConfig{"acme": {Plan: "premium"}, "b": {Tier: "silver"}}}, `accounts.b.tier "silver" is not one of`},
		{lint.Config{Accounts: map[string]lint.AccountConfig{"@Acme": {Plan: "Premium"}}}, `accounts.@Acme.plan "Premium" is not one of`},
	} {
		_, err := lint.NewEngine(&tt.cfg, rules.All(), lint.Options{Now: now})
		var ce *lint.ConfigError
		if !errors.As(err, &ce) || !strings.Contains(err.Error(), tt.want) {
			t.Errorf("NewEngine(%+v) error %v; want a *ConfigError saying %s", tt.cfg, err, tt.want)
		}
	}
	cfg := lint.Config{Plan: "premium", Tier: "pro", Accounts: map[string]lint.AccountConfig{"b": {Plan: "free"}}}
	if _, err := lint.NewEngine(&cfg, rules.All(), lint.Options{Now: now}); err != nil {
		t.Errorf("NewEngine(%+v): %v", cfg, err)
	}
}
