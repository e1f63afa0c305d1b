package draft

import (
	"fmt"
	"math/rand/v2"
	"strings"
	"testing"
)

// samePlain parses body as front matter both ways and, when parsePlain
// takes it, requires parseYAML's results. It reports whether parsePlain
// took it.
func samePlain(t *testing.T, body string) bool {
	t.Helper()
	data := []byte("---\n" + body + "---\ntext\n")
	start, end := 4, 4+len(body)
	plain := frontMatter{name: "d.md", data: data, start: start, end: end}
	if !plain.parsePlain() {
		if plain.account != "" || plain.plan != "" || plain.tier != "" || !plain.at.IsZero() || plain.media != nil || plain.errs != nil {
			t.Errorf("parsePlain(%q) declined but set %+v", body, plain)
		}
		return false
	}
	full := frontMatter{name: "d.md", data: data, start: start, end: end}
	full.parseYAML()
	got := fmt.Sprintf("%q %q %q %v %v %v", plain.account, plain.plan, plain.tier, plain.at, plain.media, plain.ignores)
	want := fmt.Sprintf("%q %q %q %v %v %v", full.account, full.plan, full.tier, full.at, full.media, full.ignores)
	if got != want {
		t.Errorf("front matter %q:\nparsePlain %s\nparseYAML  %s", body, got, want)
	}
	if g, w := fmt.Sprint(plain.errs), fmt.Sprint(full.errs); g != w {
		t.Errorf("front matter %q: parsePlain errors %s, parseYAML %s", body, g, w)
	}
	return true
}

// plainLines are the lines the random front matters are made of: ones
// parsePlain reads, and near misses it must leave to YAML.
var plainLines = []string{
	"account: acme", "account: Acme_Corp", "account: 123", "account: true", "account: a:b", "account: acme:",
	"account: null", "account: NULL", "account: ~", "account:", "account: @acme", "account: 'acme'", "account: \"acme\"",
	"account: acme # main", "account: acme ", "account:  acme", "account : acme", "Account: acme", "account: .inf",
	"plan: free", "plan: premium", "plan: premium-plus", "plan: gold", "plan: Free", "plan: -1",
	"tier: basic", "tier: pro", "tier: enterprise", "tier: pay-per-use", "tier: diamond",
	"at: 2026-03-01T09:30:00Z", "at: 2026-03-01T09:30:00+01:00", "at: 2026-03-01T09:30:00.5Z", "at: 2026-03-01",
	"at: 2026-02-30T09:30:00Z", "at: tomorrow", "at: 2026-03-01 09:30:00", "at: 1700000000",
	"media: clip.mp4", "media: clips/a.mp4", "media: /abs/x.png", "media: ./x.gif", "media: a b.png",
	"media: [a.png, b.png]", "media: [a.png]", "media: []", "media: [a.png,b.png]", "media: [a.png, ]",
	"media: [a:b.png]", "media: [null]", "media: [[a.png]]", "media: {a: b}", "media: -a.png",
	"media:", "  - a.png", "  - b.png", "- c.png", "    - d.png", "  - ", "  -a.png", "  - null",
	"xlint-ignore: [url-shortener]", "# a comment", "#", "", "  # indented comment", "  continued",
	"...", "%YAML 1.2", "? account", ": x", "account: a\tb", "unknown: x",
}

// TestPlainFrontMatterSame holds parsePlain to parseYAML on random front
// matters of plainLines.
func TestPlainFrontMatterSame(t *testing.T) {
	rng := rand.New(rand.NewPCG(5, 8))
	took := 0
	for range 20000 {
		var b strings.Builder
		for range 1 + rng.IntN(5) {
			b.WriteString(plainLines[rng.IntN(len(plainLines))])
			b.WriteByte('\n')
		}
		if samePlain(t, b.String()) {
			took++
		}
	}
	if took < 2000 {
		t.Errorf("parsePlain took %d of 20000 front matters; the test hardly tests it", took)
	}
}

func FuzzPlainFrontMatter(f *testing.F) {
	for _, l := range plainLines {
		f.Add(l + "\n")
	}
	f.Add("account: acme\nat: 2026-03-01T09:30:00Z\nmedia: [clips/launch.mp4]\n")
	f.Add("# c\nmedia:\n  - a.png\n  - b.png\naccount: acme\n")
	f.Add("media:\n- a.png\n- b.png\nplan: gold\ntier: diamond\nat: nope\n")
	f.Add("account: acme")
	f.Fuzz(func(t *testing.T, body string) {
		samePlain(t, body)
	})
}
