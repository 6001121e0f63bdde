package storetest

import "time"

// Jakarta is Asia/Jakarta (WIB), the zone of the test tenants.
var Jakarta = func() *time.Location {
	loc, err := time.LoadLocation("Asia/Jakarta")
	if err != nil {
		panic(err)
	}
	return loc
}()

// Day is midnight of a calendar day in Jakarta, as the bot stores dates.
func Day(y int, m time.Month, d int) time.Time { return time.Date(y, m, d, 0, 0, 0, 0, Jakarta) }
