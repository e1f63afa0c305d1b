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
// yields "posts/a.md". "-" (stdin) is passed through. A file is returned
// once however it is named ("a.md", "./a.md", its absolute path, a symlink
// to it, or a folder holding it), under the first name it is reached by:
// otherwise it would be linted twice and flagged as a repeat of itself.
// (Two hard links in the one folder named are two files.) A missing path,
// or a folder that cannot be read, is an *Error; the other paths are still
// expanded.
func Files(paths []string) ([]string, []error) {
	var errs []error
	var found []walked // in command-line order, each folder's sorted
	symlinks := false
	for _, p := range paths {
		if p == "-" {
			found = append(found, walked{path: p, id: fileID{path: "-"}})
			continue
		}
		fi, err := os.Stat(p)
		if err != nil {
			errs = append(errs, fileError(p, err))
			continue
		}
		if !fi.IsDir() {
			found = append(found, walked{path: p, id: fileIDOf(p, fi)})
			continue
		}
		root := p
		if li, err := os.Lstat(p); err == nil && li.Mode()&fs.ModeSymlink != 0 {
			// WalkDir does not enter a root that is a symlink; a trailing
			// separator makes it resolve the link.
			root = p + string(filepath.Separator)
		}
		var inFolder []walked
		_ = filepath.WalkDir(root, func(path string, d fs.DirEntry, err error) error {
			if err != nil {
				errs = append(errs, fileError(path, err))
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
					inFolder = append(inFolder, walked{path: path, id: fileIDOf(path, fi)})
					symlinks = true
				}
			case d.Type().IsRegular():
				inFolder = append(inFolder, walked{path: path, entry: d})
			}
			return nil
		})
		slices.SortFunc(inFolder, func(a, b walked) int { return strings.Compare(a.path, b.path) })
		found = append(found, inFolder...)
	}
	// A file found in a folder is named once there. Only another path, or
	// a symlink, can name it again: then (and only then) it costs an
	// lstat to learn which file it is.
	needIDs := len(paths) > 1 || symlinks
	files := make([]string, 0, len(found))
	seen := make(map[fileID]bool, len(found))
	for _, f := range found {
		id := f.id
		if f.entry != nil {
			id = fileID{path: f.path}
			if needIDs {
				fi, _ := f.entry.Info() // the file itself: it is no symlink
				id = fileIDOf(f.path, fi)
			}
		}
		if !seen[id] {
			seen[id] = true
			files = append(files, f.path)
		}
	}
	return files, errs
}

// walked is a draft file named on the command line or found in a folder:
// its identity, or the folder entry of a regular file that will tell it.
type walked struct {
	path  string
	id    fileID
	entry fs.DirEntry
}

// fileID identifies a file however it is named: by device and inode where
// the system gives them, else by its absolute path with symlinks resolved
// (a hard link is then a file of its own). Keying a map on it keeps Files
// linear in the number of files, where os.SameFile would compare pairs.
type fileID struct {
	dev, ino uint64
	path     string
}

// fileIDOf is the identity of the file named name, which fi describes
// (following symlinks; nil when it could not be read).
func fileIDOf(name string, fi fs.FileInfo) fileID {
	if fi != nil {
		if id, ok := sysFileID(fi); ok {
			return id
		}
	}
	path, err := filepath.Abs(name)
	if err != nil {
		path = filepath.Clean(name)
	}
	if real, err := filepath.EvalSymlinks(path); err == nil {
		path = real
	}
	return fileID{path: path}
}
