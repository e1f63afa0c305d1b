//go:build !amd64 || purego

package history

// minHashes lowers each mins[j] to the least hash j of the shingle hashes
// in shs.
func minHashes(mins *[numHashes]uint64, shs []uint64) { minHashesGeneric(mins, shs) }
