package history

import "slices"

//go:generate go test -run ^TestFoldTable$ -update

// foldRune returns what Unicode full case folding makes of r, and false
// when it leaves r alone. The table is generated from x/text's cases.Fold
// (fold_test.go), which is not linked into the program.
func foldRune(r rune) (string, bool) {
	if i, ok := slices.BinarySearch(foldFrom[:], r); ok {
		return foldTo[i], true
	}
	return "", false
}
