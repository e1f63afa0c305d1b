package draft

import (
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"strings"
)

// Files expands the command line's paths into draft files. A file is taken
// as it is (ReadFile then says whether it is a draft); a folder is walked for
// *.md, *.txt, *.json and *.jsonl files, sorted lexically, skipping hidden
// folders and files (names starting with '.', so .xlint/ too). Symlinked
// folders are not followed, so symlink loops cannot hang the walk; a
// symlinked file is taken. Paths keep the form given: a folder "posts"
// yields "posts/a.md". "-" (stdin) is passed through. A path named twice
// is returned once. A missing path, or a folder that cannot be read, is an
// *Error; the other paths are still expanded.
func Files(paths []string) ([]string, []error) {
	var files []string
	var errs []error
	seen := make(map[string]bool)
	add := func(f string) {
		if !seen[f] {
			seen[f] = true
			files = append(files, f)
		}
	}
	for _, p := range paths {
		if p == "-" {
			add(p)
			continue
		}
		fi, err := os.Stat(p)
		if err != nil {
			errs = append(errs, &Error{File: p, Msg: errMsg(err)})
			continue
		}
		if !fi.IsDir() {
			add(p)
			continue
		}
		root := p
		if li, err := os.Lstat(p); err == nil && li.Mode()&fs.ModeSymlink != 0 {
			// WalkDir does not enter a root that is a symlink; a trailing
			// separator makes it resolve the link.
			root = p + string(filepath.Separator)
		}
		var found []string
		_ = filepath.WalkDir(root, func(path string, d fs.DirEntry, err error) error {
			if err != nil {
				errs = append(errs, &Error{File: path, Msg: errMsg(err)})
				return nil
			}
			hidden := path != root && strings.HasPrefix(d.Name(), ".")
			switch {
			case d.IsDir():
				if hidden {
					return filepath.SkipDir
				}
			case hidden || !IsDraft(path):
			case d.Type()&fs.ModeSymlink != 0:
				// Take a symlinked file, not a symlinked folder. A broken
				// link is taken, so that reading it reports the problem.
				if fi, err := os.Stat(path); err != nil || !fi.IsDir() {
					found = append(found, path)
				}
			case d.Type().IsRegular():
				found = append(found, path)
			}
			return nil
		})
		slices.Sort(found)
		for _, f := range found {
			add(f)
		}
	}
	return files, errs
}
