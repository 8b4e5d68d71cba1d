"""Citizens online (docs/contract.md, "Citizens online"): the guest lookup, the catalogue, online
filing, a citizen's own dossiers and the rating, as pages under www/ and methods under
`ward_admin.api.portal`.

Citizens hold the role Citizen (a website user, no desk). They have no permission on Dossier in
Frappe's sense and no unit, so every generic route (REST, frappe.client, reportview, search,
files, prints, docinfo) refuses them; the portal's own methods read and write only the dossiers
whose `portal_user` is the caller, or the one whose code and secret the caller gives.
"""
