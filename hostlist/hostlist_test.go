package hostlist

import (
	"net/netip"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/xlint/xlint/internal/shared"
)

func TestNormalize(t *testing.T) {
	tests := []struct {
		in, want string
		wantErr  bool
	}{
		// Case, trailing dot, port and userinfo.
		{in: "Bit.LY", want: "bit.ly"},
		{in: "bit.ly.", want: "bit.ly"},
		{in: "bit.ly:443", want: "bit.ly"},
		{in: "bit.ly:", want: "bit.ly"},
		{in: "user:pass@Bit.ly:8080", want: "bit.ly"},
		{in: " tinyurl.com ", want: "tinyurl.com"},
		{in: "my_site.example.com", want: "my_site.example.com"},
		{in: "-bad.cc", want: "-bad.cc"},
		{in: "ex--ample.dev", want: "ex--ample.dev"},
		// IDNs go to punycode, so a list may hold either form.
		{in: "bücher.de", want: "xn--bcher-kva.de"},
		{in: "BÜCHER.de", want: "xn--bcher-kva.de"},
		{in: "xn--bcher-kva.de", want: "xn--bcher-kva.de"},
		{in: "пример.рф", want: "xn--e1afmkfd.xn--p1ai"},
		{in: "例え.テスト", want: "xn--r8jz45g.xn--zckzah"},
		// Addresses.
		{in: "192.168.0.1", want: "192.168.0.1"},
		{in: "192.168.0.1:80", want: "192.168.0.1"},
		{in: "[::1]:8080", want: "::1"},
		{in: "[2001:DB8::1]", want: "2001:db8::1"},
		{in: "2001:db8::1", want: "2001:db8::1"},
		// Errors.
		{in: "", wantErr: true},
		{in: ".", wantErr: true},
		{in: "a..b", wantErr: true},
		{in: "bit.ly:http", wantErr: true},
		{in: "bit.ly:123456", wantErr: true},
		{in: "[::1", wantErr: true},
		{in: "[1.2.3.4]", wantErr: true},
		{in: "[::1]x", wantErr: true},
		{in: "exa mple.com", wantErr: true},
		{in: "example.com/path", wantErr: true},
		{in: strings.Repeat("a", 64) + ".com", wantErr: true},
		{in: strings.Repeat("abcdefghi.", 26) + "com", wantErr: true},
	}
	for _, tt := range tests {
		got, err := Normalize(tt.in)
		if (err != nil) != tt.wantErr || got != tt.want {
			t.Errorf("Normalize(%q) = %q, %v; want %q, error %v", tt.in, got, err, tt.want, tt.wantErr)
		}
	}
}

func TestHostOf(t *testing.T) {
	tests := []struct{ in, want string }{
		{"https://Bit.ly/abc", "bit.ly"},
		{"http://user@bit.ly:80/x?y#z", "bit.ly"},
		{"bit.ly/abc", "bit.ly"},
		{"bit.ly", "bit.ly"},
		{"bit.ly?x=1", "bit.ly"},
		{"HTTPS://www.Example.COM./", "www.example.com"},
		{"//cdn.example.com/x", "cdn.example.com"},
		{"https://bücher.de/", "xn--bcher-kva.de"},
		{"http://foobar.پاکستان/", "foobar.xn--mgbai9azgqp6j"},
		{"t.co/abcde", "t.co"},
	}
	for _, tt := range tests {
		if got, err := HostOf(tt.in); err != nil || got != tt.want {
			t.Errorf("HostOf(%q) = %q, %v; want %q", tt.in, got, err, tt.want)
		}
	}
	for _, bad := range []string{"", "https://", "https:///x", "http://exa mple.com/"} {
		if got, err := HostOf(bad); err == nil {
			t.Errorf("HostOf(%q) = %q, want an error", bad, got)
		}
	}
}

func TestListMatch(t *testing.T) {
	var l List // the zero value is usable
	if _, ok := l.Match("bit.ly"); ok {
		t.Fatal("empty list matched")
	}
	for _, h := range []string{"bit.ly", "go.nasa.gov", "Bücher.de", "bit.ly."} {
		if err := l.Add(h); err != nil {
			t.Fatal(err)
		}
	}
	if l.Len() != 3 {
		t.Errorf("Len = %d, want 3", l.Len())
	}
	tests := []struct {
		host, entry string
	}{
		{"bit.ly", "bit.ly"},
		{"x.bit.ly", "bit.ly"},
		{"a.b.bit.ly", "bit.ly"},
		{"BIT.LY", "bit.ly"},
		{"x.bit.ly.", "bit.ly"},
		{"go.nasa.gov", "go.nasa.gov"},
		{"x.go.nasa.gov", "go.nasa.gov"},
		{"www.nasa.gov", ""}, // never by registrable domain
		{"nasa.gov", ""},
		{"xbit.ly", ""}, // label boundaries only
		{"bit.ly.evil.com", ""},
		{"ly", ""},
		{"xn--bcher-kva.de", "xn--bcher-kva.de"},
		{"shop.xn--bcher-kva.de", "xn--bcher-kva.de"},
		{"", ""},
		{".", ""},
	}
	for _, tt := range tests {
		entry, ok := l.Match(tt.host)
		if ok != (tt.entry != "") || entry != tt.entry {
			t.Errorf("Match(%q) = %q, %v; want %q", tt.host, entry, ok, tt.entry)
		}
	}
	if err := l.Add("bad host"); err == nil {
		t.Error("Add accepted a bad host")
	}
}

func TestMatchDoesNotAllocate(t *testing.T) {
	var l List
	for _, h := range Shorteners() {
		if err := l.Add(h); err != nil {
			t.Fatal(err)
		}
	}
	for _, host := range []string{"a.b.c.bit.ly", "WWW.EXAMPLE.COM", "www.example.com"} {
		if n := testing.AllocsPerRun(100, func() { l.Match(host) }); n != 0 {
			t.Errorf("Match(%q) allocates %v times", host, n)
		}
	}
}

func TestReadList(t *testing.T) {
	in := "\uFEFF# comment\n\nbit.ly\r\n  TinyURL.com  # trailing comment\nbücher.de\n"
	got, err := ReadList(strings.NewReader(in), "hosts.txt")
	if err != nil {
		t.Fatal(err)
	}
	if want := []string{"bit.ly", "tinyurl.com", "xn--bcher-kva.de"}; !slices.Equal(got, want) {
		t.Errorf("ReadList = %q, want %q", got, want)
	}
	errs := []struct{ in, want string }{
		{"bit.ly\nexa mple.com\n", "hosts.txt:2: more than one host"},
		{"bit.ly\n\nbad..host\n", "hosts.txt:3: host"},
		{"ok.com\n" + strings.Repeat("a", MaxLineBytes+10) + "\n", "hosts.txt:2: line longer than"},
	}
	for _, e := range errs {
		_, err := ReadList(strings.NewReader(e.in), "hosts.txt")
		if err == nil || !strings.HasPrefix(err.Error(), e.want) {
			t.Errorf("ReadList(%.30q) error %v, want prefix %q", e.in, err, e.want)
		}
	}
}

func TestReadListTooManyHosts(t *testing.T) {
	if testing.Short() {
		t.Skip("skipping large input in -short mode")
	}
	r := strings.NewReader(strings.Repeat("a.com\n", MaxHosts+1))
	if _, err := ReadList(r, "big.txt"); err == nil || !strings.Contains(err.Error(), "more than") {
		t.Errorf("error %v, want a count limit", err)
	}
}

// excluded are short domains X accepts or that only link to their owner;
// shorteners.txt explains each.
var excluded = []string{
	"t.co", "youtu.be", "amzn.to", "a.co", "amzn.eu", "fb.me", "m.me", "instagr.am", "lnkd.in", "goo.gl",
	"redd.it", "flic.kr", "wp.me", "spoti.fi", "apple.co", "aka.ms", "1drv.ms", "db.tt", "git.io", "w.wiki",
	"qr.ae", "t.me", "wa.me", "lin.ee", "naver.me", "dlvr.it", "ift.tt", "trib.al", "x.com", "twitter.com",
	"buff.ly", "ow.ly", "ht.ly",
}

func TestShortenersFile(t *testing.T) {
	var raw []string
	for _, line := range strings.Split(shortenersFile, "\n") {
		if line == "" || strings.HasPrefix(line, "#") {
			continue
		}
		raw = append(raw, line)
	}
	if len(raw) < 100 {
		t.Errorf("%d shorteners, want at least 100", len(raw))
	}
	if !slices.IsSorted(raw) {
		t.Error("shorteners.txt is not sorted bytewise")
	}
	seen := map[string]bool{}
	for _, h := range raw {
		n, err := Normalize(h)
		if err != nil || n != h {
			t.Errorf("%q is not normalised (%q, %v)", h, n, err)
		}
		if seen[h] {
			t.Errorf("%q listed twice", h)
		}
		seen[h] = true
	}
	got := Shorteners()
	if !slices.Equal(got, raw) {
		t.Error("Shorteners() differs from the file's entries")
	}
	var l List
	for _, h := range got {
		if err := l.Add(h); err != nil {
			t.Fatal(err)
		}
	}
	for _, h := range excluded {
		if e, ok := l.Match(h); ok {
			t.Errorf("%q matches %q, but X accepts it", h, e)
		}
	}
	for _, h := range []string{"bit.ly", "tinyurl.com", "is.gd", "rebrand.ly", "cutt.ly", "shorturl.at", "tiny.cc", "rb.gy", "t.ly", "bl.ink"} {
		if _, ok := l.Match(h); !ok {
			t.Errorf("%q missing from the built-in list", h)
		}
	}
}

// TestSharedShortenerList reads a large third-party list as it is, without
// copying it into the repository.
func TestSharedShortenerList(t *testing.T) {
	path := filepath.Join(shared.Dir(t, "data", "url-shorteners"), "list")
	f, err := os.Open(path)
	if err != nil {
		t.Skipf("skipping: %v", err)
	}
	defer f.Close()
	hosts, err := ReadList(f, path)
	if err != nil {
		t.Fatal(err)
	}
	if len(hosts) < 1000 {
		t.Fatalf("read %d hosts, want at least 1000", len(hosts))
	}
	var l List
	for _, h := range hosts {
		if err := l.Add(h); err != nil {
			t.Fatal(err)
		}
	}
	for _, h := range hosts {
		if e, ok := l.Match("sub." + h); !ok || e != h && !strings.HasSuffix(h, "."+e) {
			t.Errorf("sub.%s: matched %q, %v", h, e, ok)
		}
	}
	if _, ok := l.Match("bit.ly"); !ok {
		t.Error("bit.ly not in the shared list")
	}
}

func FuzzNormalize(f *testing.F) {
	for _, s := range []string{"Bit.LY.", "user@h:80", "[::1]:80", "bücher.de", "xn--bcher-kva.de", "a..b", "", "\xff", "1.2.3.4", "::", strings.Repeat("a.", 200)} {
		f.Add(s)
	}
	f.Add("Example.COM")
	f.Add("my_site.example")
	f.Add("XN--bcher-kva.de")
	f.Add("a-.b-")
	f.Fuzz(func(t *testing.T, host string) {
		// The fast path agrees with the IDNA path wherever it answers.
		if a, ok := plainHost(host); ok {
			if b, err := idnaHost(host, host); err != nil || a != b {
				t.Fatalf("plainHost(%q) = %q, but the IDNA path gives %q, %v", host, a, b, err)
			}
		}
		// Normalize parses an address only when it ends in a digit.
		if ip, err := netip.ParseAddr(host); err == nil && !ip.Is6() {
			if c := host[len(host)-1]; c < '0' || c > '9' {
				t.Fatalf("%q parses as %v but does not end in a digit", host, ip)
			}
		}
		n, err := Normalize(host)
		if err != nil {
			return
		}
		if n == "" || len(n) > maxHostLen {
			t.Fatalf("Normalize(%q) = %q", host, n)
		}
		// Normalising is idempotent, and a list finds what it holds.
		if n2, err := Normalize(n); err != nil || n2 != n {
			t.Fatalf("Normalize(%q) = %q, but Normalize(%q) = %q, %v", host, n, n, n2, err)
		}
		var l List
		if err := l.Add(host); err != nil {
			t.Fatal(err)
		}
		if e, ok := l.Match(n); !ok || e != n {
			t.Fatalf("Match(%q) = %q, %v", n, e, ok)
		}
	})
}

// TestLenientHostOf: a link whose host does not normalise as a whole is
// still matched by its parent domains, and reported in ASCII.
func TestLenientHostOf(t *testing.T) {
	long := strings.Repeat("ää.", 30) + "bit.ly" // 270 bytes in punycode
	tests := []struct{ url, want, entry string }{
		{"https://Bit.ly/x", "bit.ly", "bit.ly"}, // as HostOf
		{"https://a\u200cb.evil.com/x", "xn--ab-j1t.evil.com", "evil.com"},
		{"https://a\u200db.bit.ly/x", "xn--ab-m1t.bit.ly", "bit.ly"},
		{"https://xn--a.evil.com/y", "xn--a.evil.com", "evil.com"},
		{"https://user@XN--A.Evil.COM:8080/y", "xn--a.evil.com", "evil.com"},
		{"https://" + long + "/x", strings.Repeat("xn--4caa.", 30) + "bit.ly", "bit.ly"},
		{"https:///x", "", ""},
	}
	var l List
	for _, h := range []string{"evil.com", "bit.ly"} {
		if err := l.Add(h); err != nil {
			t.Fatal(err)
		}
	}
	for _, tt := range tests {
		got := LenientHostOf(tt.url)
		if got != tt.want {
			t.Errorf("LenientHostOf(%q) = %q, want %q", tt.url, got, tt.want)
		}
		if e, _ := l.Match(got); e != tt.entry {
			t.Errorf("Match(%q) = %q, want %q", got, e, tt.entry)
		}
	}
}

// FuzzLenientHostOf: the lenient host is HostOf's wherever that succeeds,
// ASCII always, and a host under a listed domain still matches it.
func FuzzLenientHostOf(f *testing.F) {
	for _, s := range []string{"https://a\u200cb.evil.com/x", "xn--a.evil.com", "user@h:80/p", "[::1]:80", "ää.bit.ly", "", "\xff.bit.ly", "a..bit.ly"} {
		f.Add(s)
	}
	var l List
	if err := l.Add("bit.ly"); err != nil {
		f.Fatal(err)
	}
	f.Fuzz(func(t *testing.T, url string) {
		got := LenientHostOf(url)
		if h, err := HostOf(url); err == nil && got != h {
			t.Fatalf("LenientHostOf(%q) = %q, HostOf gives %q", url, got, h)
		}
		for i := 0; i < len(got); i++ {
			if got[i] >= utf8.RuneSelf {
				t.Fatalf("LenientHostOf(%q) = %q, not ASCII", url, got)
			}
		}
		if !strings.ContainsAny(url, "/?#\\@:") && url != "" && !strings.HasSuffix(url, ".") {
			if e, ok := l.Match(LenientHostOf(url + ".bit.ly")); !ok || e != "bit.ly" {
				t.Fatalf("%q.bit.ly: Match = %q, %v", url, e, ok)
			}
		}
	})
}

func FuzzReadList(f *testing.F) {
	f.Add("# c\nbit.ly\n\nTinyURL.com # x\n")
	f.Add("a b\n")
	f.Add("\uFEFFbücher.de\r\n")
	f.Add(strings.Repeat("x", 5000))
	f.Fuzz(func(t *testing.T, in string) {
		hosts, err := ReadList(strings.NewReader(in), "f.txt")
		if err != nil {
			if !strings.HasPrefix(err.Error(), "f.txt") {
				t.Fatalf("error does not name the file: %v", err)
			}
			return
		}
		for _, h := range hosts {
			if n, err := Normalize(h); err != nil || n != h {
				t.Fatalf("ReadList returned %q, not normalised", h)
			}
		}
	})
}

func BenchmarkMatch(b *testing.B) {
	var l List
	for _, h := range Shorteners() {
		if err := l.Add(h); err != nil {
			b.Fatal(err)
		}
	}
	hosts := []string{"www.example.com", "x.bit.ly", "a.b.c.d.example.co.uk", "tinyurl.com", "WWW.EXAMPLE.COM"}
	b.ReportAllocs()
	for i := 0; b.Loop(); i++ {
		l.Match(hosts[i%len(hosts)])
	}
}

// BenchmarkHostOf measures finding and normalising the host of links as a
// post writes them: most are plain ASCII, some IDNs.
func BenchmarkHostOf(b *testing.B) {
	urls := []string{"https://www.example.com/a/b?c=d", "bit.ly/x", "HTTP://Example.COM:8080/", "docs.python.org/3/library",
		"https://bücher.de/x", "user@host.example:80/path", "t.co/abc", "https://xn--bcher-kva.de"}
	b.ReportAllocs()
	for i := 0; b.Loop(); i++ {
		if _, err := HostOf(urls[i%len(urls)]); err != nil {
			b.Fatal(err)
		}
	}
}

// TestIDNACache checks that a host normalised from the cache is the one
// the IDNA path gives (internal/memo tests the cache itself).
func TestIDNACache(t *testing.T) {
	for _, h := range []string{"bücher.de", "Bücher.DE", "例え.テスト", "xn--bcher-kva.de"} {
		want, err := idnaHost(h, h)
		if err != nil {
			t.Fatal(err)
		}
		for range 2 {
			if got, err := Normalize(h); err != nil || got != want {
				t.Errorf("Normalize(%q) = %q, %v; want %q", h, got, err, want)
			}
		}
	}
}

// TestAddHints: an entry that is a URL, a wildcard or starts with a dot is
// refused with the host to list instead; other bad entries keep their error.
func TestAddHints(t *testing.T) {
	for entry, want := range map[string]string{
		"https://Bit.ly/":  `"https://Bit.ly/" is a URL, not a host: list bit.ly`,
		"evil.com/path?q":  `"evil.com/path?q" is a URL, not a host: list evil.com`,
		"*.bit.ly":         `"*.bit.ly": list bit.ly, which covers its subdomains`,
		".evil.com":        `".evil.com": list evil.com, which covers its subdomains`,
		"a_b!":             `host "a_b!": invalid character '!'`,
		"https:///nothing": `bad port`,
	} {
		var l List
		err := l.Add(entry)
		if err == nil || !strings.Contains(err.Error(), want) {
			t.Errorf("Add(%q) = %v, want %q", entry, err, want)
		}
		_, err = ReadList(strings.NewReader("# list\n"+entry+"\n"), "f.txt")
		if err == nil || !strings.HasPrefix(err.Error(), "f.txt:2: ") || !strings.Contains(err.Error(), want) {
			t.Errorf("ReadList(%q) = %v, want f.txt:2: and %q", entry, err, want)
		}
	}
}
