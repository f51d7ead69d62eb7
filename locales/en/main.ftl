## Page frame
site-name = Public Service Portal
site-province = { $province } Province
skip-to-content = Skip to main content
nav-label = Main navigation
nav-find = Find a procedure
lang-switch = Tiếng Việt
footer-help = Need help? Call the hotline
footer-hours = In-person submission: Monday to Friday, 7:30–11:30 and 13:30–17:00.

## Home
home-title = Find the administrative procedure you need
home-lead = See which documents to prepare, how long it takes, what it costs and where to submit — then apply online.
home-description = Look up administrative procedures: required documents, processing times, fees, where to submit, and apply online.
home-popular = Most used procedures
home-sectors = Browse by sector

## Search
search-label = Search for a procedure
search-hint = Type the name of the procedure, with or without Vietnamese accents. For example: khai sinh, birth, sổ đỏ, 1.001193
search-button = Search
filters-legend = Filter results
filter-sector = Sector
filter-any-sector = All sectors
filter-level = Handled at
filter-any-level = Any level
filter-online = Online service level
filter-any-online = Any level
results-heading = Administrative procedures
results-title = Search results for “{ $query }”
results-title-all = All administrative procedures
results-description = Search administrative procedures by name, sector, level of government and online service level.
results-count = { $count ->
    [one] 1 procedure found for “{ $query }”
   *[other] { $count } procedures found for “{ $query }”
}
results-count-all = { $count ->
    [one] 1 procedure
   *[other] { $count } procedures
}
results-empty-title = No procedure matches your search
results-empty-spelling = Check the spelling, or type without accents.
results-empty-fewer = Try fewer words, for example “birth” instead of “register the birth of my child”.
results-empty-filters = Remove some of the sector, level or online filters.
results-empty-browse = Browse procedures by sector
pagination-label = Result pages
pagination-prev = ‹ Previous
pagination-next = Next ›
pagination-page = Page { $page }

## Procedure card
procedure-code = Code
card-time = Time:
card-free = Free of charge
level-province = Province
level-commune = Commune / ward
online-level-2 = Information only
online-level-3 = Partly online
online-level-4 = Fully online
time-same-day = same working day
time-working-days = { $count ->
    [one] 1 working day
   *[other] { $count } working days
}
time-days = { $count ->
    [one] 1 day
   *[other] { $count } days
}
time-working-hours = { $count ->
    [one] 1 working hour
   *[other] { $count } working hours
}

## Procedure page
procedure-description = { $name }: documents to prepare, processing time, fees and where to submit ({ $agency }).
breadcrumb-label = You are here
breadcrumb-home = Home
procedure-sector = Sector
procedure-level = Handled at
procedure-online = Online service level
procedure-interconnected = This is an interconnected procedure: you submit one application and the agencies involved pass it on between themselves.
procedure-apply-lead = You can apply for this online, without going to the office.
procedure-apply = Apply online
procedure-applicants = Who can apply
procedure-conditions = Conditions
procedure-documents = Documents to prepare
procedure-time-fees = Processing time and fees
procedure-steps = Steps
procedure-agency = Handled by
procedure-result = What you receive
procedure-legal = Legal basis
document-originals = { $count ->
    [one] 1 original
   *[other] { $count } originals
}
document-copies = { $count ->
    [one] 1 copy
   *[other] { $count } copies
}
document-mandatory = Required
document-optional = If applicable
document-case = Applies when:
document-download = Download form:
document-form = Form:
document-form-at-counter = (available where you submit)
channel-in-person = In person
channel-online = Online
channel-postal = By public postal service
fee-free = Free of charge
fee-none = No fees

## Apply
apply-title = Apply online
apply-not-yet = Online applications for this procedure will open on this site soon. For now you can submit in person or by post.
apply-meanwhile = Where to submit:
apply-back = Review the documents to prepare

## Errors
error-not-found-title = Page not found
error-not-found-body = This address does not exist or the procedure has changed. Search for the procedure again.
error-unavailable-title = The service is busy
error-unavailable-body = The provincial portal did not answer in time. Nothing you typed is lost. Please try again in a few minutes.
error-broken-title = Something went wrong fetching this information
error-broken-body = The provincial portal sent data we could not read. Please try again later, or call the hotline if it keeps happening.
error-retry = Try again
error-home = Go to the home page
error-search = Find a procedure
error-part-unavailable = This part could not be loaded right now. You can still search for a procedure above.

# Replies of the HTTP layer itself (before any page is rendered)
http-error-title = { $status ->
    [400] The request could not be read
    [405] This action is not possible here
    [408] The request took too long
    [413] What you sent is too large
    [414] The address is too long
    [431] The request is too large
   *[other] Something went wrong
}
http-error-body = { $status ->
    [400] The address or the data sent could not be read. Check the address, or start again from the home page.
    [405] This page can only be viewed. Open it again from the home page.
    [408] The server waited too long for your data. Try again when the signal is better.
    [413] The file or text you sent is over the limit. Send a smaller file.
    [414] The page address is too long to open. Search again with fewer words.
    [431] The address or this site's cookies are too long. Open the site again from the home page; if that fails, clear this site's cookies in your browser.
   *[other] Please try again in a few minutes, or call the hotline if it keeps happening.
}

# The form kit (components/form)
form-error-summary-title = There is a problem
form-error-prefix = Error:
form-change = Change
form-date-day = Day
form-date-month = Month
form-date-year = Year
task-completed = Completed
task-in-progress = In progress
task-not-started = Not started
task-cannot-start = Cannot start yet
