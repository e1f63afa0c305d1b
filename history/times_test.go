package history

import (
	"math/rand/v2"
	"slices"
	"testing"
	"time"
)

// TestTimeList compares count and bounds with a scan of every time added,
// for adds in order, earlier than the last (in order among themselves, as
// a run's drafts, or not), in bulk and mixed.
func TestTimeList(t *testing.T) {
	rng := rand.New(rand.NewPCG(2, 2))
	patterns := map[string]func(i int) int64{
		"in order": func(i int) int64 { return int64(i / 3) },
		"late in order": func(i int) int64 {
			if i < 300 {
				return 1000 + int64(i) // then 300 to 999, all before 1299
			}
			return int64(i)
		},
		"random":       func(int) int64 { return rng.Int64N(500) },
		"newest first": func(i int) int64 { return int64(1000 - i) },
		"late then random": func(i int) int64 {
			if i == 0 {
				return 5000
			}
			return rng.Int64N(6000)
		},
	}
	for name, gen := range patterns {
		for _, bulk := range []bool{false, true} {
			var l timeList
			var all []int64
			for i := range 1000 {
				v := gen(i)
				if bulk && i < 500 {
					l.addUnsorted(v)
				} else {
					if bulk && i == 500 {
						l.sort()
					}
					l.add(v)
				}
				all = append(all, v)
				if bulk && i < 500 || i%50 != 0 {
					continue
				}
				if l.len() != len(all) {
					t.Fatalf("%s: len %d, want %d", name, l.len(), len(all))
				}
				first, last := l.bounds()
				if first != slices.Min(all) || last != slices.Max(all) {
					t.Fatalf("%s: bounds %d, %d; want %d, %d", name, first, last, slices.Min(all), slices.Max(all))
				}
				for range 20 {
					lo := rng.Int64N(6000) - 100
					hi := lo + rng.Int64N(1000)
					wantN, wantOldest := 0, int64(0)
					for _, v := range all {
						if v >= lo && v < hi {
							if wantN == 0 || v < wantOldest {
								wantOldest = v
							}
							wantN++
						}
					}
					if n, oldest := l.count(lo, hi); n != wantN || n > 0 && oldest != wantOldest {
						t.Fatalf("%s (bulk %v), after %d: count(%d, %d) = %d, %d; want %d, %d", name, bulk, i+1, lo, hi, n, oldest, wantN, wantOldest)
					}
					var in []int64
					for _, v := range all {
						if v >= lo && v < hi {
							in = append(in, v)
						}
					}
					slices.Sort(in)
					for k := -1; k <= len(in); k++ {
						got, ok := l.nth(lo, hi, k)
						if want := k >= 0 && k < len(in); ok != want || ok && got != in[k] {
							t.Fatalf("%s (bulk %v), after %d: nth(%d, %d, %d) = %d, %v; want %v of %v", name, bulk, i+1, lo, hi, k, got, ok, want, in)
						}
					}
				}
			}
		}
	}
}

// BenchmarkAddOlder adds posts older than all of 200,000 recorded ones, as
// a check run does with drafts dated before posts already in the history:
// the cost per post must not grow with the history.
func BenchmarkAddOlder(b *testing.B) {
	var l timeList
	for i := range 200_000 {
		l.add(int64(1_000_000 + i))
	}
	i := int64(0)
	for b.Loop() {
		l.add(i)
		i++
	}
}

func TestRecordable(t *testing.T) {
	east := time.FixedZone("", 14*3600)
	for _, tt := range []struct {
		t    time.Time
		want bool
	}{
		{time.Date(1677, 12, 31, 23, 59, 59, 0, time.UTC), false},
		{time.Date(1678, 1, 1, 0, 0, 0, 0, time.UTC), true},
		{time.Date(1678, 1, 1, 10, 0, 0, 0, east), false}, // 1677 in UTC
		{time.Date(2026, 5, 10, 12, 0, 0, 0, time.UTC), true},
		{time.Date(2261, 12, 31, 23, 59, 59, 0, time.UTC), true},
		{time.Date(2262, 1, 1, 10, 0, 0, 0, east), true}, // 2261 in UTC
		{time.Date(2262, 1, 1, 0, 0, 0, 0, time.UTC), false},
		{time.Time{}, false},
	} {
		if got := Recordable(tt.t); got != tt.want {
			t.Errorf("Recordable(%v) = %v, want %v", tt.t, got, tt.want)
		}
	}
}
