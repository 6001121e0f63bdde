package store

// SetReportsByIDInEach makes reading a quick win's reports look each one
// up by _id (true) or use one {_id: {$in}} find (false), on either
// database; it returns a function that restores the default.
func SetReportsByIDInEach(each bool) (restore func()) {
	old := reportsByIDInEach
	reportsByIDInEach = func(*Store) bool { return each }
	return func() { reportsByIDInEach = old }
}
