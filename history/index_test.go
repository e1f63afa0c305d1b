package history

import (
	"fmt"
	"maps"
	"math"
	"math/rand/v2"
	"slices"
	"strings"
	"testing"
	"time"
)

func TestCount(t *testing.T) {
	ix := NewIndex()
	// Out of order on purpose: Count must not depend on insertion order.
	for _, h := range []int{5, 1, 3, 0, 4, 2} {
		ix.Add(NewRecord(t0.Add(time.Duration(h)*time.Hour), "acme", "", "", fmt.Sprint("post ", h), false))
	}
	ix.Add(NewRecord(t0.Add(2*time.Hour), "other", "", "", "other post", false))
	tests := []struct {
		account      string
		since, until int // hours after t0
		n, oldest    int
	}{
		{"acme", 0, 6, 6, 0},
		{"acme", 1, 3, 2, 1}, // until is excluded
		{"acme", 2, 2, 0, -1},
		{"acme", 6, 9, 0, -1},
		{"", 2, 3, 2, 2},
		{"other", 0, 24, 1, 2},
		{"nobody", 0, 24, 0, -1},
	}
	for _, tt := range tests {
		n, oldest := ix.Count(tt.account, t0.Add(time.Duration(tt.since)*time.Hour), t0.Add(time.Duration(tt.until)*time.Hour))
		want := time.Time{}
		if tt.oldest >= 0 {
			want = t0.Add(time.Duration(tt.oldest) * time.Hour)
		}
		if n != tt.n || !oldest.Equal(want) {
			t.Errorf("Count(%q, %d, %d) = %d, %v; want %d, %v", tt.account, tt.since, tt.until, n, oldest, tt.n, want)
		}
	}
	nth := []struct {
		account      string
		since, until int // hours after t0
		n, want      int // want -1: none
	}{
		{"acme", 0, 6, 0, 0},
		{"acme", 0, 6, 5, 5},
		{"acme", 0, 6, 6, -1},
		{"acme", 1, 4, 2, 3},
		{"", 2, 6, 1, 2}, // acme's and other's posts at 2 h
		{"", 2, 6, 2, 3},
		{"nobody", 0, 24, 0, -1},
		{"acme", 0, 6, -1, -1},
	}
	for _, tt := range nth {
		got, ok := ix.NthOldest(tt.account, t0.Add(time.Duration(tt.since)*time.Hour), t0.Add(time.Duration(tt.until)*time.Hour), tt.n)
		if want := t0.Add(time.Duration(tt.want) * time.Hour); ok != (tt.want >= 0) || ok && !got.Equal(want) {
			t.Errorf("NthOldest(%q, %d, %d, %d) = %v, %v; want %d h", tt.account, tt.since, tt.until, tt.n, got, ok, tt.want)
		}
	}
	stats := ix.Stats()
	want := []AccountStats{
		{"acme", 6, t0, t0.Add(5 * time.Hour)},
		{"other", 1, t0.Add(2 * time.Hour), t0.Add(2 * time.Hour)},
	}
	if !slices.Equal(stats, want) {
		t.Errorf("Stats() = %v, want %v", stats, want)
	}
}

// TestCountRandom compares Count with a linear scan over random insertions.
func TestCountRandom(t *testing.T) {
	rng := rand.New(rand.NewPCG(1, 2))
	ix := NewIndex()
	var times []time.Time
	for i := 0; i < 500; i++ {
		at := t0.Add(time.Duration(rng.IntN(1000)) * time.Minute)
		times = append(times, at)
		ix.Add(Record{At: at, Account: "a", Exact: ExactKey("x"), Norm: NormKey("x")})
	}
	for i := 0; i < 200; i++ {
		since := t0.Add(time.Duration(rng.IntN(1000)) * time.Minute)
		until := since.Add(time.Duration(rng.IntN(300)) * time.Minute)
		n, oldest := ix.Count("a", since, until)
		wantN, wantOldest := 0, time.Time{}
		for _, at := range times {
			if !at.Before(since) && at.Before(until) {
				wantN++
				if wantOldest.IsZero() || at.Before(wantOldest) {
					wantOldest = at
				}
			}
		}
		if n != wantN || !oldest.Equal(wantOldest) {
			t.Fatalf("Count(%v, %v) = %d, %v; want %d, %v", since, until, n, oldest, wantN, wantOldest)
		}
	}
}

func TestLookup(t *testing.T) {
	long := "We just released version two of the xlint command line tool with faster checks, better messages and support for media files"
	ix := NewIndex()
	ix.Add(NewRecord(t0, "acme", "1", "a.md", "Hello world", false))
	ix.Add(NewRecord(t0.Add(time.Hour), "acme", "2", "b.md", "hello, WORLD!", false))
	ix.Add(NewRecord(t0.Add(2*time.Hour), "other", "3", "c.md", long, false))
	ix.Add(NewRecord(t0.Add(3*time.Hour), "acme", "4", "d.md", long+" #golang", false))
	ix.Add(NewRecord(t0.Add(30*time.Hour), "acme", "5", "e.md", "Hello world", false))

	kinds := func(ms []Match) (out []string) {
		for _, m := range ms {
			out = append(out, fmt.Sprintf("%s:%v", m.Record.ID, m.Kind))
		}
		return out
	}
	tests := []struct {
		text         string
		since, until time.Duration
		want         []string
	}{
		{"Hello world", 0, 24 * time.Hour, []string{"1:identical", "2:normalized"}},
		{"  Hello world\n", 0, 48 * time.Hour, []string{"5:identical", "1:identical", "2:normalized"}},
		{"hello world \U0001F30D", time.Hour, 24 * time.Hour, []string{"2:normalized"}}, // since is inclusive
		{"Hello world", 0, time.Hour - 1, []string{"1:identical"}},
		{long, 0, 24 * time.Hour, []string{"3:identical", "4:near"}},
		{"Goodbye world", 0, 48 * time.Hour, nil},
	}
	for _, tt := range tests {
		got := kinds(ix.Lookup(tt.text, t0.Add(tt.since), t0.Add(tt.until)))
		if !slices.Equal(got, tt.want) {
			t.Errorf("Lookup(%q, +%v, +%v) = %v, want %v", tt.text, tt.since, tt.until, got, tt.want)
		}
	}
	m := ix.Lookup(long, t0, t0.Add(24*time.Hour))
	if r := m[0].Record; r.Account != "other" || r.Source != "c.md" || !r.At.Equal(t0.Add(2*time.Hour)) || m[0].Similarity != 1 {
		t.Errorf("match record %+v", m[0])
	}
	if s := m[1].Similarity; s < NearThreshold || s >= 1 {
		t.Errorf("near similarity %v", s)
	}
}

func TestAddNew(t *testing.T) {
	ix := NewIndex()
	r := NewRecord(t0, "acme", "42", "archive", "an imported post", true)
	if !ix.AddNew(r) || ix.AddNew(r) || ix.Len() != 1 {
		t.Error("AddNew must add a new id once")
	}
	r.ID = ""
	first, second := ix.AddNew(r), ix.AddNew(r)
	if !first || !second || ix.Len() != 3 {
		t.Error("records without id are always added")
	}
}

// TestAddComputesMissingKeys: a hand-written record with only a text
// is still found.
func TestAddComputesMissingKeys(t *testing.T) {
	ix := NewIndex()
	ix.Add(Record{At: t0, Account: "@acme", Text: "Hand written post"})
	m := ix.Lookup("hand written post!", t0, t0)
	if len(m) != 1 || m[0].Kind != Normalized || m[0].Record.Account != "acme" {
		t.Errorf("Lookup = %+v", m)
	}
}

// TestLookupAcrossRebuilds compares Lookup with a linear scan while the
// index grows through several rebuilds of its sorted tables, so that keys
// in the sorted arrays and in the maps of recent entries are both found.
func TestLookupAcrossRebuilds(t *testing.T) {
	rng := rand.New(rand.NewPCG(8, 8))
	ix := NewIndex()
	var texts []string
	for i := 0; i < 12000; i++ {
		// Few distinct texts, so that most keys repeat.
		text := fmt.Sprintf("post %d about things", rng.IntN(3000))
		if rng.IntN(2) == 0 {
			text = strings.ToUpper(text) + "!"
		}
		texts = append(texts, text)
		ix.Add(NewRecord(t0.Add(time.Duration(i)*time.Second), "a", fmt.Sprint(i), "", text, false))
		if i%3001 != 0 {
			continue
		}
		draft := texts[rng.IntN(len(texts))]
		since, until := t0.Add(time.Duration(rng.IntN(i+1))*time.Second), t0.Add(time.Duration(i)*time.Second)
		var want []string
		for j, tx := range texts {
			at := t0.Add(time.Duration(j) * time.Second)
			if at.Before(since) || at.After(until) {
				continue
			}
			switch {
			case tx == draft:
				want = append(want, fmt.Sprint(j, ":identical"))
			case Normalize(tx) == Normalize(draft):
				want = append(want, fmt.Sprint(j, ":normalized"))
			}
		}
		var got []string
		for _, m := range ix.Lookup(draft, since, until) {
			got = append(got, m.Record.ID+":"+m.Kind.String())
		}
		slices.Sort(got)
		slices.Sort(want)
		if !slices.Equal(got, want) {
			t.Fatalf("after %d records, Lookup(%q) = %v, want %v", i+1, draft, got, want)
		}
	}
	if ix.frozen == 0 {
		t.Error("the tables were never rebuilt")
	}
}

func TestNumericID(t *testing.T) {
	tests := []struct {
		id      string
		numeric bool
	}{
		{"0", true},
		{"42", true},
		{"1790000000000000001", true},
		{"9999999999999999999", true},
		{"18446744073709551616", false}, // 20 digits
		{"0042", false},
		{"", false},
		{"12a", false},
		{"-1", false},
	}
	ix := NewIndex()
	for i, tt := range tests {
		if _, ok := numericID(tt.id); ok != tt.numeric {
			t.Errorf("numericID(%q) numeric = %v, want %v", tt.id, ok, tt.numeric)
		}
		ix.Add(Record{At: t0, ID: tt.id, Text: fmt.Sprint("post ", i)})
	}
	for i, tt := range tests {
		if ix.HasID(tt.id) != (tt.id != "") {
			t.Errorf("HasID(%q) = %v", tt.id, !(tt.id != ""))
		}
		if got := ix.record(int32(i)).ID; got != tt.id {
			t.Errorf("record %d id %q, want %q", i, got, tt.id)
		}
	}
	if ix.HasID("00") || ix.HasID("43") {
		t.Error("HasID found an id never added")
	}
}

// TestNanos checks nanos's shortcut for times well inside its range
// against the years, around both ends and in far-off time zones.
func TestNanos(t *testing.T) {
	ref := func(t time.Time) int64 {
		switch {
		case t.Year() < 1678:
			return math.MinInt64
		case t.Year() > 2261:
			return math.MaxInt64
		}
		return t.UnixNano()
	}
	zones := []*time.Location{time.UTC, time.FixedZone("east", 14*3600), time.FixedZone("west", -12*3600)}
	for _, y := range []int{1, 1677, 1678, 1679, 1680, 1970, 2024, 2260, 2261, 2262, 2263, 9999} {
		for _, loc := range zones {
			for _, d := range []time.Duration{-48 * time.Hour, -time.Nanosecond, 0, time.Nanosecond, 48 * time.Hour} {
				for _, base := range []time.Time{time.Date(y, 1, 1, 0, 0, 0, 0, loc), time.Date(y, 12, 31, 23, 59, 59, 999999999, loc)} {
					tm := base.Add(d)
					if got, want := nanos(tm), ref(tm); got != want {
						t.Errorf("nanos(%v) = %d, want %d", tm, got, want)
					}
				}
			}
		}
	}
	if got := nanos(time.Time{}); got != math.MinInt64 {
		t.Errorf("nanos(zero) = %d", got)
	}
}

// TestIntern checks the name table against a map, and that interning a
// known name, string or bytes, allocates nothing.
func TestIntern(t *testing.T) {
	var nt nameTable
	want := map[string]uint32{}
	rng := rand.New(rand.NewPCG(5, 6))
	for range 20_000 {
		name := fmt.Sprint("posts/", rng.IntN(5000), ".md")
		if rng.IntN(2) == 0 {
			name = strings.Repeat("x", rng.IntN(3)) // "" among them
		}
		id, ok := want[name]
		if !ok {
			id = uint32(len(want))
			want[name] = id
		}
		got := intern(&nt, name)
		if rng.IntN(2) == 0 {
			got = intern(&nt, []byte(name))
		}
		if got != id || nt.names[got] != name {
			t.Fatalf("intern(%q) = %d, want %d", name, got, id)
		}
	}
	b := []byte("posts/1.md")
	intern(&nt, b)
	if n := testing.AllocsPerRun(100, func() { intern(&nt, b); intern(&nt, "posts/1.md") }); n != 0 {
		t.Errorf("interning a known name: %v allocations", n)
	}
}

// TestVisitAgreesWithScan compares Visit with a scan of every record:
// each record in the window that is identical, equal after normalisation,
// or a near-duplicate sharing an LSH band (the only way a lookup can find
// one), reported once with its strongest kind.
func TestVisitAgreesWithScan(t *testing.T) {
	rng := rand.New(rand.NewPCG(9, 9))
	ix := NewIndex()
	var recs []Record
	base := make([]string, 40)
	for i := range base {
		base[i] = genText(rng)
	}
	for i := range 6000 {
		// Variants of a few texts: copies, other case and spacing, a word
		// added or dropped, and unrelated texts.
		text := base[rng.IntN(len(base))]
		switch rng.IntN(5) {
		case 0:
			text = strings.ToUpper(text) + " !"
		case 1:
			text += " " + genWords[rng.IntN(len(genWords))]
		case 2:
			if w := strings.Fields(text); len(w) > 8 {
				text = strings.Join(append(w[:2:2], w[3:]...), " ")
			}
		case 3:
			text = genText(rng)
		}
		r := NewRecord(t0.Add(time.Duration(i)*time.Minute), fmt.Sprint("acct", rng.IntN(3)), fmt.Sprint(i), "", text, false)
		recs = append(recs, r)
		ix.Add(r)
	}
	for range 200 {
		draft := recs[rng.IntN(len(recs))]
		since := t0.Add(time.Duration(rng.IntN(6000)) * time.Minute)
		until := since.Add(time.Duration(rng.IntN(3000)) * time.Minute)
		want := map[string]MatchKind{}
		dsig, dErr := parseSignature(draft.Sim)
		for _, r := range recs {
			if r.At.Before(since) || r.At.After(until) {
				continue
			}
			switch sig, err := parseSignature(r.Sim); {
			case r.Exact == draft.Exact:
				want[r.ID] = Identical
			case r.Norm == draft.Norm:
				want[r.ID] = Normalized
			case err == nil && dErr == nil && sig.nums == dsig.nums && dsig.similarity(&sig) >= NearThreshold &&
				sharesKey(sig.bands(), dsig.bands()):
				want[r.ID] = Near
			}
		}
		got := map[string]MatchKind{}
		all := ix.Visit(draft, since, until, func(h Hit) {
			m := h.Match()
			if _, dup := got[m.Record.ID]; dup {
				t.Errorf("record %s visited twice", m.Record.ID)
			}
			got[m.Record.ID] = h.Kind
			if !h.At().Equal(m.Record.At) || h.Account() != m.Record.Account {
				t.Errorf("hit %s: At %v, Account %q; record %+v", m.Record.ID, h.At(), h.Account(), m.Record)
			}
		})
		if !all {
			t.Fatalf("Visit reports a key with more than %d records", MaxVisits)
		}
		if !maps.Equal(got, want) {
			t.Fatalf("Visit(%q, %v, %v) = %v, want %v", draft.Text, since, until, got, want)
		}
	}
}

// TestVisitLastCopies: of a text added more than MaxVisits times, a lookup
// visits the last MaxVisits copies added and says it saw not all.
func TestVisitLastCopies(t *testing.T) {
	ix := NewIndex()
	const n = MaxVisits + 100
	for i := range n {
		ix.Add(NewRecord(t0.Add(time.Duration(i)*time.Second), "acme", fmt.Sprint(i), "a.md", "the same words posted again and again", false))
		if i == MaxVisits-1 {
			count := 0
			if !ix.Visit(NewRecord(t0, "", "", "", "the same words posted again and again", false), t0, t0.Add(time.Hour), func(Hit) { count++ }) || count != MaxVisits {
				t.Fatalf("with %d copies: visited %d, or not all", MaxVisits, count)
			}
		}
	}
	draft := NewRecord(t0, "", "", "", "The same words, posted again and again!", false)
	var ids []int
	all := ix.Visit(draft, t0, t0.Add(time.Hour), func(h Hit) {
		if h.Kind != Normalized {
			t.Errorf("kind %v", h.Kind)
		}
		var id int
		fmt.Sscan(h.Match().Record.ID, &id)
		ids = append(ids, id)
	})
	slices.Sort(ids)
	if all || len(ids) != MaxVisits || ids[0] != n-MaxVisits || ids[len(ids)-1] != n-1 {
		t.Errorf("all = %v, %d hits from %v to %v; want false, the last %d", all, len(ids), ids[0], ids[len(ids)-1], MaxVisits)
	}
}

// TestHitCompare: by time, then source, then id as a string.
func TestHitCompare(t *testing.T) {
	ix := NewIndex()
	add := func(at time.Duration, id, source string) {
		ix.Add(NewRecord(t0.Add(at), "acme", id, source, "a post", false))
	}
	add(0, "9", "b.md")
	add(0, "10", "b.md")
	add(0, "x", "a.md")
	add(-time.Second, "1", "z.md")
	add(0, "", "b.md")
	var hits []Hit
	ix.Visit(NewRecord(t0, "", "", "", "a post", false), t0.Add(-time.Hour), t0, func(h Hit) { hits = append(hits, h) })
	slices.SortFunc(hits, Hit.Compare)
	var got []string
	for _, h := range hits {
		got = append(got, h.Match().Record.ID)
	}
	if want := []string{"1", "x", "", "10", "9"}; !slices.Equal(got, want) {
		t.Errorf("order %q, want %q", got, want)
	}
}

// sharesKey reports whether two signatures have an LSH band key in common.
func sharesKey(a, b [numBands]uint64) bool {
	for _, k := range a {
		if slices.Contains(b[:], k) {
			return true
		}
	}
	return false
}

// TestCountMixedCaseAllocs: counting an account by a spelling the index has
// met allocates nothing; the usage caps ask it of every post of a run.
func TestCountMixedCaseAllocs(t *testing.T) {
	ix := NewIndex()
	ix.Add(NewRecord(t0, "AcmeCorp", "", "", "a post", false))
	if n := testing.AllocsPerRun(100, func() { ix.Count("AcmeCorp", t0, t0.Add(time.Hour)) }); n != 0 {
		t.Errorf("Count(AcmeCorp) allocates %v times", n)
	}
	if n, _ := ix.Count("ACMECORP", t0, t0.Add(time.Hour)); n != 1 {
		t.Errorf("Count(ACMECORP) = %d, want 1", n)
	}
}

// TestSameAccount: two names are one account exactly when their keys are
// equal: "@" dropped, ASCII case ignored, other letters compared as they are.
func TestSameAccount(t *testing.T) {
	names := []string{"acme", "@acme", "ACME", "@AcMe", "acme_", "acm", "", "@", "Émile", "émile", "ÉMILE", "a\xff", "A\xff"}
	for _, a := range names {
		for _, b := range names {
			if got, want := SameAccount(a, b), AccountKey(a) == AccountKey(b); got != want {
				t.Errorf("SameAccount(%q, %q) = %v, but their keys are %q and %q", a, b, got, AccountKey(a), AccountKey(b))
			}
		}
	}
	if !SameAccount("@AcmeCorp", "acmecorp") || SameAccount("Émile", "émile") {
		t.Error("ASCII case is ignored, other letters compared as they are")
	}
}

// TestZeroIndex: the zero Index is an empty one, ready for records.
func TestZeroIndex(t *testing.T) {
	var ix Index
	if n := ix.Len(); n != 0 || ix.HasID("1") || len(ix.Lookup("hello there", time.Time{}, t0)) != 0 || len(ix.Stats()) != 0 {
		t.Fatalf("zero Index not empty: Len %d", n)
	}
	if n, _ := ix.Count("acme", time.Time{}, t0); n != 0 {
		t.Fatalf("zero Index counts %d posts", n)
	}
	ix.Add(NewRecord(t0, "acme", "1", "a.md", "hello there, world", true))
	if !ix.AddNew(NewRecord(t0.Add(time.Minute), "Acme", "x", "", "hello there, world", true)) || ix.AddNew(NewRecord(t0, "acme", "1", "", "again", true)) {
		t.Error("AddNew: want the new id added and the known one skipped")
	}
	ms := ix.Lookup("Hello there world", time.Time{}, t0.Add(time.Hour))
	if n, _ := ix.Count("ACME", time.Time{}, t0.Add(time.Hour)); n != 2 || len(ms) != 2 || ms[1].Record.Source != "a.md" || ms[0].Record.Source != "" {
		t.Errorf("Count %d, matches %+v; want 2 of each, the older from a.md", n, ms)
	}
}
