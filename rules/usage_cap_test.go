package rules

import (
	"testing"
	"time"
)

// TestCapMessageKey checks that the remembered usage-cap message is used
// only for the same message: each field of the key changes the text.
func TestCapMessageKey(t *testing.T) {
	free := time.Date(2026, 3, 1, 12, 0, 0, 0, time.UTC)
	base := capKey{"@acme", 17, "free", 17, "user", 24 * time.Hour, free}
	keys := []capKey{base, base, base, base, base, base, base}
	keys[1].who = "the app"
	keys[2].n = 18
	keys[3].tier = "basic"
	keys[4].limit = 100
	keys[5].window = 15 * time.Minute
	keys[6].free = free.Add(time.Second)
	seen := map[string]bool{}
	for i, k := range append(keys, base) {
		m := capMessage(k)
		text := m.message + "|" + m.fix
		if i == len(keys) {
			if want := capMessage(keys[0]); text != want.message+"|"+want.fix {
				t.Errorf("the first key again gives %q", text)
			}
			continue
		}
		if seen[text] {
			t.Errorf("key %d gives a message already given: %q", i, text)
		}
		seen[text] = true
	}
	if got := capMessage(base).message; got != "@acme already made 17 posts in the 24 h before this one; the free tier allows 17 per user per 24 h; a place frees up at 2026-03-01T12:00:00Z" {
		t.Errorf("message = %q", got)
	}
}
