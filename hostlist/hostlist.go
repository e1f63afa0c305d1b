// Package hostlist normalises host names and matches them against lists of
// hosts, such as the built-in list of URL shorteners, where an entry covers
// the host itself and its subdomains.
package hostlist

import (
	"bufio"
	_ "embed"
	"errors"
	"fmt"
	"io"
	"net/netip"
	"strings"
	"unicode/utf8"

	"golang.org/x/net/idna"

	"github.com/xlint/xlint/internal/memo"
)

// Bounds for host names (RFC 1035) and for ReadList.
const (
	maxHostLen   = 253
	maxLabelLen  = 63
	MaxLineBytes = 4096    // longest line ReadList accepts
	MaxHosts     = 1000000 // most hosts ReadList accepts from one reader
)

// profile maps IDNs to ASCII for lookup but, unlike idna.Lookup, accepts
// '_' and hyphens anywhere ("my_site.example", "-bad.cc", "ex--ample.dev"):
// X links such hosts, so lists must be able to name them.
var profile = idna.New(
	idna.MapForLookup(),
	idna.Transitional(false),
	idna.StrictDomainName(false),
	idna.CheckHyphens(false),
	idna.VerifyDNSLength(true),
)

// Normalize returns host in the form lists are matched in: lowercase, the
// trailing dot dropped, port and userinfo dropped, IDNs in ASCII
// (punycode), so a list may hold either form. IP addresses come back in
// their canonical text form. It fails for hosts that cannot be normalised.
func Normalize(host string) (string, error) {
	h := strings.TrimSpace(host)
	if i := strings.LastIndexByte(h, '@'); i >= 0 {
		h = h[i+1:]
	}
	if strings.HasPrefix(h, "[") {
		end := strings.IndexByte(h, ']')
		if end < 0 {
			return "", fmt.Errorf("host %q: unclosed '['", host)
		}
		rest := h[end+1:]
		if rest != "" && (rest[0] != ':' || !isPort(rest[1:])) {
			return "", fmt.Errorf("host %q: unexpected %q after ']'", host, rest)
		}
		ip, err := netip.ParseAddr(h[1:end])
		if err != nil || !ip.Is6() || ip.Zone() != "" {
			return "", fmt.Errorf("host %q: bad IPv6 address", host)
		}
		return ip.String(), nil
	}
	if i := strings.IndexByte(h, ':'); i >= 0 {
		if strings.Count(h, ":") > 1 {
			ip, err := netip.ParseAddr(h)
			if err != nil || ip.Zone() != "" {
				return "", fmt.Errorf("host %q: bad IPv6 address", host)
			}
			return ip.String(), nil
		}
		if !isPort(h[i+1:]) {
			return "", fmt.Errorf("host %q: bad port %q", host, h[i+1:])
		}
		h = h[:i]
	}
	h = strings.TrimSuffix(h, ".")
	if h == "" {
		return "", fmt.Errorf("host %q: empty", host)
	}
	// An address left here is IPv4 (IPv6 has colons), which ends in a
	// digit: names, nearly every host, skip the parse.
	if c := h[len(h)-1]; c >= '0' && c <= '9' {
		if ip, err := netip.ParseAddr(h); err == nil && ip.Zone() == "" {
			return ip.String(), nil
		}
	}
	if a, ok := plainHost(h); ok {
		return a, nil
	}
	if a, ok := idnaCache.Get(h); ok {
		return a, nil
	}
	a, err := idnaHost(host, h)
	if err == nil {
		idnaCache.Put(h, a)
	}
	return a, err
}

// idnaCache remembers the hosts the IDNA path normalised: a run meets the
// same internationalised hosts over and over, and each costs a pass of
// IDNA mapping. It has room for many more hosts than a run usually meets
// (a slot is 8 bytes); hosts whose hashes share a slot still evict each
// other: of the 31,800 lookups of the 50,000-post corpus, with its 7,300
// hosts, 9,100 miss (11,700 with the map of 4,096 it replaced).
var idnaCache = memo.Strings{Max: 1 << 14}

// idnaHost normalises h, the host part of host, through IDNA: the general
// path, for hosts that plainHost does not take.
func idnaHost(host, h string) (string, error) {
	if !utf8.ValidString(h) {
		return "", fmt.Errorf("host %q: invalid UTF-8", host)
	}
	a, err := profile.ToASCII(h)
	if err != nil {
		return "", fmt.Errorf("host %q: %v", host, err)
	}
	// One pass is enough for a result that normalises to itself: the
	// profile decodes and validates the punycode labels it is given, and
	// writes every label back in canonical form
	// (TestNormalizeIdempotentEveryRune, FuzzNormalize).
	a = strings.ToLower(a)
	if len(a) > maxHostLen {
		return "", fmt.Errorf("host %q: longer than %d bytes", host, maxHostLen)
	}
	for _, label := range strings.Split(a, ".") {
		if label == "" || len(label) > maxLabelLen {
			return "", fmt.Errorf("host %q: empty or over-long label", host)
		}
		for i := 0; i < len(label); i++ {
			c := label[i]
			if !(c >= 'a' && c <= 'z' || c >= '0' && c <= '9' || c == '-' || c == '_') {
				return "", fmt.Errorf("host %q: invalid character %q", host, c)
			}
		}
	}
	return a, nil
}

// plainHost returns h lowercased when it is a host name that IDNA would
// only lowercase: ASCII letters, digits, '-' and '_', in labels of 1 to 63
// bytes, none of them punycode ("xn--"), 253 bytes at most. Nearly every
// host in a post is one, and they skip the IDNA machinery, which costs
// more than all the rest of Normalize. FuzzNormalize checks that the
// result is what the IDNA path gives.
func plainHost(h string) (string, bool) {
	if len(h) > maxHostLen {
		return "", false
	}
	label, upper := 0, false
	for i := 0; i <= len(h); i++ {
		if i == len(h) || h[i] == '.' {
			if label == 0 || label > maxLabelLen {
				return "", false
			}
			label = 0
			continue
		}
		switch c := h[i]; {
		case c >= 'a' && c <= 'z' || c >= '0' && c <= '9' || c == '-' || c == '_':
		case c >= 'A' && c <= 'Z':
			upper = true
		default:
			return "", false
		}
		if label == 0 && i+4 <= len(h) && strings.EqualFold(h[i:i+4], "xn--") {
			return "", false
		}
		label++
	}
	if upper {
		h = strings.ToLower(h)
	}
	return h, true
}

func isPort(s string) bool {
	if len(s) > 5 {
		return false
	}
	for i := 0; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			return false
		}
	}
	return true // an empty port ("host:") is allowed, as in URLs
}

// HostOf returns the normalised host of a URL as found in a post, with or
// without a scheme ("https://Bit.ly/x", "bit.ly/x", "user@host:8080/").
func HostOf(url string) (string, error) {
	u := hostPart(url)
	if u == "" {
		return "", fmt.Errorf("url %q: no host", url)
	}
	return Normalize(u)
}

// hostPart is the authority of a URL: what comes after the scheme, if any,
// and before the path, query or fragment.
func hostPart(url string) string {
	u := strings.TrimSpace(url)
	if i := strings.Index(u, "://"); i >= 0 && isScheme(u[:i]) {
		u = u[i+3:]
	} else {
		u = strings.TrimPrefix(u, "//")
	}
	if i := strings.IndexAny(u, "/?#\\"); i >= 0 {
		u = u[:i]
	}
	return u
}

// LenientHostOf is HostOf for a link that X links although its host does
// not normalise as a whole: a joiner inside a label, a malformed punycode
// label, a name longer than 253 bytes once in ASCII. Each label is then
// normalised alone, and one that still fails is lowercased and put in
// punycode without IDNA's checks (what even that leaves outside ASCII is
// %-escaped). The result is ASCII, and its parent domains, which do
// normalise, match lists as HostOf's would: a bad label under a listed
// domain cannot hide a link from the list. It is "" only for a URL without
// a host.
func LenientHostOf(url string) string {
	if h, err := HostOf(url); err == nil {
		return h
	}
	h := hostPart(url)
	if i := strings.LastIndexByte(h, '@'); i >= 0 {
		h = h[i+1:]
	}
	if i := strings.LastIndexByte(h, ':'); i >= 0 && isPort(h[i+1:]) {
		h = h[:i]
	}
	labels := strings.Split(strings.TrimSuffix(h, "."), ".")
	for i, label := range labels {
		if a, err := Normalize(label); err == nil && !strings.Contains(a, ".") {
			labels[i] = a
			continue
		}
		label = strings.ToLower(label)
		if a, err := idna.Punycode.ToASCII(label); err == nil {
			label = a
		}
		labels[i] = escapeNonASCII(label)
	}
	return strings.Join(labels, ".")
}

// escapeNonASCII %-escapes the bytes of s outside ASCII.
func escapeNonASCII(s string) string {
	var b strings.Builder
	for i := 0; i < len(s); i++ {
		if c := s[i]; c >= utf8.RuneSelf {
			fmt.Fprintf(&b, "%%%02x", c)
		} else {
			b.WriteByte(c)
		}
	}
	return b.String()
}

func isScheme(s string) bool {
	if s == "" {
		return false
	}
	for i := 0; i < len(s); i++ {
		c := s[i]
		if !(c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || i > 0 && (c >= '0' && c <= '9' || c == '+' || c == '-' || c == '.')) {
			return false
		}
	}
	return true
}

// List is a set of hosts. An entry matches the host itself and every
// subdomain of it. The zero value is an empty list ready to use.
type List struct {
	// hosts maps each entry to itself, so Match can return the stored
	// string without allocating.
	hosts map[string]string
}

// Add normalises host and adds it to the list. A URL, a wildcard or a
// leading dot is refused with the entry to write instead.
func (l *List) Add(host string) error {
	h, err := Normalize(host)
	if err != nil {
		return entryHint(host, err)
	}
	if l.hosts == nil {
		l.hosts = make(map[string]string)
	}
	l.hosts[h] = h
	return nil
}

// entryHint turns the error of a list entry that is not a host into one
// that says what to write: lists hold hosts, each covering its subdomains.
func entryHint(entry string, err error) error {
	e := strings.TrimSpace(entry)
	switch {
	case strings.ContainsAny(e, "/?#"):
		if h, herr := HostOf(e); herr == nil {
			return fmt.Errorf("%q is a URL, not a host: list %s", entry, h)
		}
	case strings.HasPrefix(e, "*."), strings.HasPrefix(e, "."):
		if h, herr := Normalize(strings.TrimLeft(e, "*.")); herr == nil {
			return fmt.Errorf("%q: list %s, which covers its subdomains", entry, h)
		}
	}
	return err
}

// Len returns the number of distinct hosts in the list.
func (l *List) Len() int { return len(l.hosts) }

// Match reports whether host or one of its parent domains, on label
// boundaries, is in the list, and which entry matched. host should be
// normalised (HostOf, Normalize); ASCII upper case and a trailing dot are
// tolerated. It never matches by registrable domain: entry "go.nasa.gov"
// does not match "www.nasa.gov", while entry "bit.ly" matches "x.bit.ly".
// Match does not allocate and does one map lookup per label.
func (l *List) Match(host string) (entry string, ok bool) {
	if len(l.hosts) == 0 {
		return "", false
	}
	host = strings.TrimSuffix(host, ".")
	// No entry is longer than a host name may be: a longer host (as
	// LenientHostOf may give) can only match by a parent domain.
	for len(host) > maxHostLen {
		i := strings.IndexByte(host, '.')
		if i < 0 {
			return "", false
		}
		host = host[i+1:]
	}
	if len(host) == 0 {
		return "", false
	}
	var buf [maxHostLen]byte
	lowered := false
	for i := 0; i < len(host); i++ {
		c := host[i]
		if c >= 'A' && c <= 'Z' {
			c += 'a' - 'A'
			lowered = true
		}
		buf[i] = c
	}
	b := buf[:len(host)]
	for {
		var e string
		var found bool
		if lowered {
			e, found = l.hosts[string(b)] // no allocation for a map index
		} else {
			e, found = l.hosts[host]
		}
		if found {
			return e, true
		}
		i := strings.IndexByte(host, '.')
		if i < 0 {
			return "", false
		}
		host, b = host[i+1:], b[i+1:]
	}
}

// ReadList reads hosts, one a line, from r: '#' starts a comment that runs
// to the end of the line, blank lines are skipped, and
// every host is normalised. Lines longer than MaxLineBytes and more than
// MaxHosts hosts are errors. Errors name the file (name) and the line.
func ReadList(r io.Reader, name string) ([]string, error) {
	sc := bufio.NewScanner(r)
	sc.Buffer(make([]byte, 0, 512), MaxLineBytes+1)
	var hosts []string
	line := 0
	for sc.Scan() {
		line++
		text := sc.Text()
		if line == 1 {
			text = strings.TrimPrefix(text, "\uFEFF")
		}
		if i := strings.IndexByte(text, '#'); i >= 0 {
			text = text[:i]
		}
		text = strings.TrimSpace(text)
		if text == "" {
			continue
		}
		if strings.ContainsAny(text, " \t") {
			return nil, fmt.Errorf("%s:%d: more than one host on the line", name, line)
		}
		h, err := Normalize(text)
		if err != nil {
			return nil, fmt.Errorf("%s:%d: %v", name, line, entryHint(text, err))
		}
		if len(hosts) == MaxHosts {
			return nil, fmt.Errorf("%s:%d: more than %d hosts", name, line, MaxHosts)
		}
		hosts = append(hosts, h)
	}
	if err := sc.Err(); err != nil {
		if errors.Is(err, bufio.ErrTooLong) {
			return nil, fmt.Errorf("%s:%d: line longer than %d bytes", name, line+1, MaxLineBytes)
		}
		return nil, fmt.Errorf("%s: %v", name, err)
	}
	return hosts, nil
}

//go:embed shorteners.txt
var shortenersFile string

// Shorteners returns the built-in list of URL shorteners (shorteners.txt),
// normalised; the slice is the caller's.
func Shorteners() []string {
	hosts, err := ReadList(strings.NewReader(shortenersFile), "shorteners.txt")
	if err != nil {
		panic("hostlist: built-in list: " + err.Error()) // TestShortenersFile keeps this unreachable
	}
	return hosts
}
