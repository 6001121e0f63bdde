// Package workbook reads the Bappeda's workbook of quick wins and action
// steps into domain values, checks every cell against the tenant and says
// what is wrong where ("Quick win, baris 17, kolom Tenggat: …"), plans the
// import as new and changed quick wins, and writes the template and the
// marked copy of a wrong file. It also reads the OPD list from a workbook.
//
// It owns the file format (sheets, headers in Indonesian and English,
// values as Excel cells or as typed in chat); the rules come from package
// quickwin and the all-or-nothing write from the store, which it reaches
// through the narrow Store interface. It imports the domain and locales;
// never store, bot, scheduler or digest.
package workbook
