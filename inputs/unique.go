package inputs

import "hash/maphash"

// dupKey is what makes two records the same subject of a run, the one
// place that says so: the canonical subject name, and with byYear
// (compare, diff and trend read several years in one run) the year too
// (0: none given, or not byYear).
func dupKey(rec *Record, byYear bool) (subject string, year int) {
	if byYear {
		return rec.Subject, rec.Year
	}
	return rec.Subject, 0
}

// seenSet remembers where each subject of a run was first seen, in about
// 40 bytes a subject whatever its name: a million-row sheet must not hold
// a million names. A key is kept as two independent 64-bit hashes, with
// seeds drawn afresh each run. Two different subjects are taken for one
// only if both hashes collide, a chance near n²/2¹²⁹ (about 10⁻²⁷ for a
// million subjects); a subject given twice is always found. Where it was
// first seen is kept as the file's index and the line.
type seenSet struct {
	seeds [2]maphash.Seed
	m     map[[2]uint64]uint64 // key hashes → file index << 40 | line
}

func newSeenSet() *seenSet {
	return &seenSet{seeds: [2]maphash.Seed{maphash.MakeSeed(), maphash.MakeSeed()}, m: map[[2]uint64]uint64{}}
}

const lineBits = 40

// add records the subject of a year (0: none) as seen in file number
// file at line, and returns where it was seen first when it already was.
// The year is mixed into the name's hashes, not appended to the name: a
// key costs no allocation. Two keys collide only if both hashes do: for
// two names, each hash differs but by chance; for one name in two years,
// never (an odd multiplier keeps the years apart).
func (s *seenSet) add(subject string, year, file, line int) (firstFile, firstLine int, dup bool) {
	y := uint64(year)
	h := [2]uint64{maphash.String(s.seeds[0], subject) ^ y*0x9e3779b97f4a7c15, maphash.String(s.seeds[1], subject) ^ y*0xc2b2ae3d27d4eb4f}
	if at, ok := s.m[h]; ok {
		return int(at >> lineBits), int(at & (1<<lineBits - 1)), true
	}
	s.m[h] = uint64(file)<<lineBits | uint64(line)&(1<<lineBits-1)
	return 0, 0, false
}
