package main

import (
	"archive/zip"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestImportAccount: an import's posts are --account's, else the ones the
// archive names (its account.js), else the config's default account's.
func TestImportAccount(t *testing.T) {
	dir := t.TempDir()
	const tweets = `window.YTD.tweets.part0 = [ { "tweet" : { "id_str" : "1001",
		"created_at" : "Wed Oct 10 20:19:24 +0000 2018", "full_text" : "hello from the archive" } } ]`
	bare := filepath.Join(dir, "tweets.js")
	if err := os.WriteFile(bare, []byte(tweets), 0o644); err != nil {
		t.Fatal(err)
	}
	archive := filepath.Join(dir, "archive.zip")
	f, err := os.Create(archive)
	if err != nil {
		t.Fatal(err)
	}
	zw := zip.NewWriter(f)
	for name, data := range map[string]string{
		"data/tweets.js":  tweets,
		"data/account.js": `window.YTD.account.part0 = [ { "account" : { "username" : "AcmeCorp", "accountId" : "55" } } ]`,
	} {
		w, err := zw.Create(name)
		if err != nil {
			t.Fatal(err)
		}
		w.Write([]byte(data))
	}
	if err := zw.Close(); err != nil {
		t.Fatal(err)
	}
	f.Close()
	config := filepath.Join(dir, "xlint.yaml")
	if err := os.WriteFile(config, []byte("account: acme\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	for _, tt := range []struct {
		archive string
		flags   []string
		want    string
	}{
		{archive, nil, "AcmeCorp"},
		{archive, []string{"--account", "other"}, "other"},
		{bare, nil, "acme"},
	} {
		hist := filepath.Join(t.TempDir(), "h.jsonl")
		args := append([]string{"history", "import", "--config", config, "--history", hist}, tt.flags...)
		var out, errOut strings.Builder
		if code := run(append(args, tt.archive), strings.NewReader(""), &out, &errOut); code != exitOK {
			t.Fatalf("%v: exit %d: %s", args, code, errOut.String())
		}
		data, err := os.ReadFile(hist)
		if err != nil {
			t.Fatal(err)
		}
		if want := `"account":"` + tt.want + `"`; !strings.Contains(string(data), want) {
			t.Errorf("%s %v: history %s, want %s", filepath.Base(tt.archive), tt.flags, data, want)
		}
	}
}
