package lint_test

import (
	"errors"
	"fmt"
	"math"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
	"unicode"

	"github.com/xlint/xlint/lint"
)

// FuzzParseConfig feeds ParseConfig what a repository's .xlint.yaml may
// hold. It must not panic; what it refuses is a *ConfigError naming the
// file, and what it accepts has no negative or NaN limit and no empty
// near-duplicate window.
func FuzzParseConfig(f *testing.F) {
	for _, s := range []string{
		"", "account: acme\nplan: premium\ntier: pro\nwindow: 12h\n",
		"accounts:\n  a: {plan: premium, tier: basic}\nhistory: {path: h.jsonl, store_text: false}\n",
		"urls: {allow: [a.link], shorteners: [x.ly], block: [s.com], lists: [l.txt]}\n",
		"limits: {text_length: 200, max_urls: 2.0, tiers: {free: {month: 1000}}, near_duplicate_window: 30m}\n",
		"rules:\n  duplicate-rules: {severity: warning}\n  too-many-mentions: off\n",
		"limits: {video_max_fps: &x 1.5, max_urls: *x}\n", "limits: {max_urls: 3, <<: {max_urls: 1.5}}\n",
		"<<: {limits: {max_urls: 1.5}}\n", "window: 0\n", "limits: {max_urls: -1}\n", "limits: {video_max_fps: .nan}\n", "limits: [1]\n", "a: &a [*a]\n", "account: [acme\n",
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, data string) {
		c, err := lint.ParseConfig("c.yaml", []byte(data))
		if err != nil {
			var ce *lint.ConfigError
			if !errors.As(err, &ce) || !strings.HasPrefix(err.Error(), "c.yaml: ") {
				t.Fatalf("ParseConfig(%q) = %v, want a *ConfigError naming c.yaml", data, err)
			}
			return
		}
		if bad := badLimit(reflect.ValueOf(c.Limits), "limits"); bad != "" {
			t.Fatalf("ParseConfig(%q) accepted %s", data, bad)
		}
		if c.Window.Duration < 0 || c.Limits.NearDuplicateWindow.Duration <= 0 {
			t.Fatalf("ParseConfig(%q) accepted window %v, near-duplicate window %v", data, c.Window, c.Limits.NearDuplicateWindow)
		}
	})
}

// badLimit names the first negative or NaN number in v, a struct of
// limits, or returns "".
func badLimit(v reflect.Value, name string) string {
	switch v.Kind() {
	case reflect.Int, reflect.Int64:
		if v.Int() < 0 {
			return fmt.Sprintf("%s = %d", name, v.Int())
		}
	case reflect.Float64:
		if f := v.Float(); f < 0 || math.IsNaN(f) {
			return fmt.Sprintf("%s = %v", name, f)
		}
	case reflect.Struct:
		for i := range v.NumField() {
			if bad := badLimit(v.Field(i), name+"."+v.Type().Field(i).Name); bad != "" {
				return bad
			}
		}
	}
	return ""
}

// FuzzLoadCredentials feeds LoadCredentials any file. It must not panic,
// and its errors name the file but never quote what the file holds: a
// token must not reach a CI log.
func FuzzLoadCredentials(f *testing.F) {
	for _, s := range []string{
		`{"access_token":"s3cr3t-token","refresh_token":"r3fr3sh","expiry":"2026-01-01T00:00:00Z","client_id":"abc"}`,
		`{"access_token":"s3cr3t-token","expiry":"s3cr3t-expiry"}`, `{"access_token":12345678}`, `{"revoked":"s3cr3t-flag"}`,
		`{"access_token":"s3cr3t-token"`, `[]`, `null`, "", "not json s3cr3t-token",
	} {
		f.Add(s)
	}
	dir := f.TempDir()
	f.Fuzz(func(t *testing.T, data string) {
		path := filepath.Join(dir, "token.json")
		if err := os.WriteFile(path, []byte(data), 0o600); err != nil {
			t.Fatal(err)
		}
		_, err := lint.LoadCredentials(path)
		if err == nil {
			return
		}
		msg := strings.TrimPrefix(err.Error(), path+": ")
		// Every run of 6 or more letters and digits of the file that the
		// message repeats must be one of the message's own words.
		for _, word := range strings.FieldsFunc(data, func(r rune) bool { return !unicode.IsLetter(r) && !unicode.IsDigit(r) && r != '-' }) {
			if len(word) >= 6 && strings.Contains(msg, word) && !strings.Contains(credentialMessages, word) {
				t.Fatalf("LoadCredentials error %q quotes %q from the file", msg, word)
			}
		}
	})
}

// credentialMessages are the words LoadCredentials's errors use.
const credentialMessages = "credentials file is not valid JSON (at byte) a JSON token object cannot be read larger than bytes regular" +
	" revoked must be true or false, not a string number array object access_token refresh_token client_id" +
	" expiry must be an RFC 3339 time, such as 2026-12-01T09:30:00Z"
