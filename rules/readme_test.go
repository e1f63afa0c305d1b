package rules_test

import (
	"fmt"
	"os"
	"regexp"
	"strings"
	"testing"

	"github.com/xlint/xlint/lint"
	"github.com/xlint/xlint/rules"
)

// TestREADMERuleTable checks that the README's table of rules and codes is
// the one the rule docs and the catalog make (-update rewrites it).
func TestREADMERuleTable(t *testing.T) {
	const path = "../README.md"
	readme, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	re := regexp.MustCompile(`(?s)(<!-- rules:begin[^>]*-->\n).*?(<!-- rules:end -->)`)
	if !re.Match(readme) {
		t.Fatalf("%s has no <!-- rules:begin --> ... <!-- rules:end --> markers", path)
	}
	want := re.ReplaceAllString(string(readme), "${1}"+strings.ReplaceAll(ruleTable(), "$", "$$")+"${2}")
	if *update {
		if err := os.WriteFile(path, []byte(want), 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	if want != string(readme) {
		t.Errorf("the README's rule table is out of date: go test ./rules -run README -update")
	}
}

func ruleTable() string {
	var b strings.Builder
	b.WriteString("| code | status | category | rule | severity | raised when |\n|---|---|---|---|---|---|\n")
	for _, c := range lint.Codes {
		if c.Code == "xlint-ignore" {
			continue
		}
		var ids, sevs []string
		var title string
		for _, r := range rules.All() {
			for _, rc := range r.Codes {
				if rc == c.Code {
					ids = append(ids, "`"+r.ID+"`")
					sevs = append(sevs, r.Severity.String())
					title = r.Doc.Title
				}
			}
		}
		if c.ResponseOf != "" {
			title = fmt.Sprintf("not raised on its own: X's response text for `%s`", c.ResponseOf)
		}
		if len(ids) == 0 {
			ids, sevs = []string{"—"}, []string{"—"}
		}
		fmt.Fprintf(&b, "| `%s` | %d | %s | %s | %s | %s |\n", c.Code, c.Status, c.Category, strings.Join(ids, ", "), strings.Join(sevs, ", "), title)
	}
	return b.String()
}
