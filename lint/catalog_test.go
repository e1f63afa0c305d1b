package lint_test

import (
	"testing"

	"github.com/xlint/xlint/lint"
)

// TestLookupCodeIsACopy: changing what LookupCode returns leaves the
// catalog, and the findings the engine completes from it, as they were.
func TestLookupCodeIsACopy(t *testing.T) {
	c, ok := lint.LookupCode("invalid url")
	if !ok {
		t.Fatal("invalid url not found")
	}
	c.Status, c.Fix = 200, "changed"
	c.Aliases[0] = "changed"
	again, _ := lint.LookupCode("invalid url")
	if again.Status != 403 || again.Fix == "changed" || again.Aliases[0] == "changed" {
		t.Fatalf("the catalog changed through LookupCode: %+v", again)
	}
	r := check(t, nil, &lint.Post{Text: "see https://bit.ly/x"})[0]
	if len(r.Findings) != 1 || r.Findings[0].Status != 403 || r.Findings[0].Fix == "changed" {
		t.Errorf("findings %+v; want one of status 403", r.Findings)
	}
}
