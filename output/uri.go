package output

import (
	"os"
	"path/filepath"
	"strings"
)

// rootPaths makes draft paths relative to a root folder. The working
// directory is read once, not once per finding.
type rootPaths struct {
	root, wd string
}

func newRootPaths(root string) rootPaths {
	if root == "" {
		return rootPaths{}
	}
	wd, _ := os.Getwd()
	return rootPaths{root: filepath.Clean(root), wd: wd}
}

// rel makes file relative to the root when it lies inside it.
func (r rootPaths) rel(file string) (string, bool) {
	if r.root == "" || file == "-" || file == "" {
		return "", false
	}
	abs := file
	if !filepath.IsAbs(abs) {
		if r.wd == "" {
			return "", false
		}
		abs = filepath.Join(r.wd, file)
	}
	rel, err := filepath.Rel(r.root, abs)
	if err != nil || rel == ".." || strings.HasPrefix(rel, ".."+string(filepath.Separator)) || filepath.IsAbs(rel) {
		return "", false
	}
	return rel, true
}

// artifactLocation names a draft file in SARIF: relative to the root
// (uriBaseId %SRCROOT%) when it lies inside it, otherwise as given on the
// command line, an absolute path as a file URI. Standard input has no
// file, so it is the URI "stdin" with no base.
func (r rootPaths) artifactLocation(file string) sarifArtifactLoc {
	if file == "-" || file == "" {
		return sarifArtifactLoc{URI: stdinURI}
	}
	if rel, ok := r.rel(file); ok {
		return sarifArtifactLoc{URI: escapeURIPath(filepath.ToSlash(rel)), URIBaseID: srcRoot}
	}
	if filepath.IsAbs(file) {
		return sarifArtifactLoc{URI: fileURI(file, false)}
	}
	return sarifArtifactLoc{URI: escapeURIPath(filepath.ToSlash(filepath.Clean(file)))}
}

// fileURI is the file: URI of an absolute path; a folder's ends in a
// slash so that relative references resolve inside it.
func fileURI(path string, dir bool) string {
	p := filepath.ToSlash(path)
	if !strings.HasPrefix(p, "/") {
		p = "/" + p // a Windows drive: file:///C:/...
	}
	if dir && !strings.HasSuffix(p, "/") {
		p += "/"
	}
	return "file://" + encodePath(p)
}

// escapeURIPath writes a slash-separated path as a URI reference without
// scheme or authority (RFC 3986), percent-encoded as encodePath does. A
// relative path whose first segment holds a colon gets "./" so that it is
// not read as a scheme, and a path that begins with "//" gets "/." so that
// it is not read as an authority (3.3); neither changes the file named.
func escapeURIPath(p string) string {
	switch {
	case strings.HasPrefix(p, "//"):
		return "/." + encodePath(p)
	case !strings.HasPrefix(p, "/"):
		if first, _, _ := strings.Cut(p, "/"); strings.Contains(first, ":") {
			return "./" + encodePath(p)
		}
	}
	return encodePath(p)
}

// encodePath percent-encodes a slash-separated path: unreserved
// characters, sub-delimiters, ':', '@' and '/' stay, everything else
// (spaces, '%', '#', '?', non-ASCII as UTF-8 bytes) is encoded. After an
// authority, as in a file: URI, the path may begin with "//".
func encodePath(p string) string {
	var b strings.Builder
	const hex = "0123456789ABCDEF"
	for i := 0; i < len(p); i++ {
		c := p[i]
		if uriPathByte(c) {
			b.WriteByte(c)
			continue
		}
		b.WriteByte('%')
		b.WriteByte(hex[c>>4])
		b.WriteByte(hex[c&15])
	}
	return b.String()
}

func uriPathByte(c byte) bool {
	switch {
	case 'a' <= c && c <= 'z', 'A' <= c && c <= 'Z', '0' <= c && c <= '9':
		return true
	}
	return strings.IndexByte("-._~!$&'()*+,;=:@/", c) >= 0
}
