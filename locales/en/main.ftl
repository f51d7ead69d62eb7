## Page frame
site-name = Public Service Portal
site-province = { $province } Province
skip-to-content = Skip to main content
nav-label = Main navigation
nav-find = Find a procedure
lang-switch = Tiếng Việt
footer-help = Need help? Call the hotline
footer-hours = In-person submission: Monday to Friday, 7:30–11:30 and 13:30–17:00.
forget-hint = Using a shared computer (for example at the one-stop counter)? When you are done, remove your details from this browser.
forget-button = Remove my details from this device
forgotten-title = Your details were removed from this device
forgotten-removed = This browser no longer keeps your application in progress, the list of applications sent from it, or anything you typed but did not send.
forgotten-safe = Your applications are still kept by the public service portal: one you sent can be followed with its dossier code and your phone number; one you had not finished opens again with its resume code for 30 days.
forgotten-close = On a shared computer, close every browser window when you leave: only the browser can remove the history of the pages you saw.

## Home
home-title = Find the administrative procedure you need
home-lead = See which documents to prepare, how long it takes, what it costs and where to submit — then apply online.
home-description = Look up administrative procedures: required documents, processing times, fees, where to submit, and apply online.
home-popular = Most used procedures
home-sectors = Browse by sector
home-sector-count = { $count ->
    [one] 1 procedure
   *[other] { $count } procedures
}

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
    [403] This form was not accepted
    [405] This action is not possible here
    [408] The request took too long
    [413] What you sent is too large
    [414] The address is too long
    [431] The request is too large
    [429] Too many attempts
   *[other] Something went wrong
}
http-error-body = { $status ->
    [400] The address or the data sent could not be read. Check the address, or start again from the home page.
    [403] This form must be sent from the Public Service Portal itself. Open the page again and retry; what you saved is still there.
    [405] This page can only be viewed. Open it again from the home page.
    [408] The server waited too long for your data. Try again when the signal is better.
    [413] The file or text you sent is over the limit. Send a smaller file.
    [414] The page address is too long to open. Search again with fewer words.
    [431] The address or this site's cookies are too long. Open the site again from the home page; if that fails, clear this site's cookies in your browser.
    [429] Too many attempts came from your connection in a short time. Wait a few minutes, then try again; what you saved is kept.
   *[other] Please try again in a few minutes, or call the hotline if it keeps happening.
}

# The portal's limit on lookups of one dossier code (anyone's tries, not this connection's)
http-error-code-limit-title = This dossier code has been tried too many times
http-error-code-limit-body = To protect the dossier, lookups of this code are paused. Try again in { $minutes ->
    [one] 1 minute
   *[other] { $minutes } minutes
}, or ask at the one-stop counter (bring your receipt).

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
# Errors found checking the answers of an e-form (each says how to fix it)
form-error-required = Please fill this in.
form-error-too-many-values = Enter only one answer here.
form-error-too-short = Enter at least { $min } characters.
form-error-too-long = Enter { $max } characters or fewer.
form-error-pattern-digits = Enter digits (0–9) only.
form-error-pattern-personal-name = A name can only contain letters, spaces, hyphens and apostrophes.
form-error-pattern-reference = Enter only letters, digits, spaces and the characters / - .
form-error-not-a-number = Enter a number, like 120 or 85.5.
form-error-too-small = Enter a number of { $min } or more.
form-error-too-large = Enter a number no larger than { $max }.
form-error-not-a-date = Enter a real date: day, month and year, for example 15 3 2024.
form-error-date-in-future = The date cannot be after today.
form-error-not-an-option = Choose one of the options given.
form-error-citizen-id-length = A personal ID number (CCCD) has exactly 12 digits.
form-error-citizen-id-province = The first 3 digits of the personal ID number are not a province code. Check the number on the ID card.
form-error-citizen-id-future = Digits 4 to 6 of the personal ID number give a birth year still to come. Check the number on the ID card.
form-error-citizen-id-birth-year = The personal ID number does not match the year of birth given (digits 4 to 6). Check the number or the date of birth.
form-error-citizen-id-sex = The personal ID number does not match the sex given (digit 4). Check the number or the sex.
form-error-phone = Enter a 10-digit Vietnamese mobile number, like 0912 345 678 or +84 912 345 678.
form-error-email = Enter an email address in the right format, like name@example.vn, or leave it empty.
form-error-enterprise-code = Enter the 10-digit enterprise code, or 13 digits for a branch (like 0101234567-001).
form-error-not-a-unit = Choose a commune or ward from the province's list.
form-choose = — Choose —

# The apply journey
apply-back-link = Back
apply-continue = Save and continue
apply-resume-open = Open the application
# The application at a glance (apply/tasks.rs)
apply-tasks-title = Your application
apply-tasks-count = You have completed { $done } of { $total } parts.
apply-tasks-check = Check your answers and send
apply-tasks-link = See all parts of your application and what is left
# Keep-typing island (apply/keep_typing.rs): said quietly under the form.
apply-unsent = Not saved yet: your answers are saved when you press "Save and continue".
apply-waiting-for-signal = No connection. Your answers are kept on this device and will be sent when you are back online.
apply-restored = We kept what you typed on this device. Press "Save and continue" to save it.
apply-start = Start your application
apply-resume = Continue a saved application
apply-have-code = Have a resume code? Continue a saved application
apply-in-progress-title = You have an application for this in progress
apply-in-progress-body = Your answers and uploaded documents are saved. Carry on where you stopped, or start a new application (for someone else, say).
apply-in-progress-continue = Continue your application
apply-start-new = Start a new application
apply-start-new-hint = The application in progress is kept: open it again with the resume code below.
apply-you-need = What you will need
apply-saved-as-you-go = Your answers are saved after each page. You will get a resume code to carry on from another device, for 30 days.
apply-resume-code = Resume code
apply-resume-code-hint = { $days ->
    [one] Write this code down to carry on from another device. It works for 1 more day.
   *[other] Write this code down to carry on from another device. It works for { $days } more days.
}
apply-resume-code-example = 16 characters, for example 7K2M-9QXD-4HRT-B1CW
apply-resume-not-found = No application has this code, or it is more than 30 days old. Check the code you wrote down.
apply-resume-saved = What you just typed, uploaded or removed was saved in that page's application. This browser does not have that application open now (perhaps another one was begun in another tab). To continue it, enter its resume code, shown on its pages.
apply-resume-unkept = Not all the files you chose were kept in that page's application (some may be too big or of the wrong type). This browser does not have that application open now (perhaps another one was begun in another tab). Open it with its resume code, shown on its pages: its documents page shows which files it has.
apply-resume-unsent = Nothing was sent: this browser does not have that page's application open now (perhaps another one was begun in another tab). To send it, enter its resume code, shown on its pages, then send it again.
apply-none-title = No application in progress
apply-none-body = This browser has no application in progress for this procedure (or it has expired). Start an application, or enter your resume code if you started on another device.
apply-check-title = Check your answers
apply-check-unfinished = These parts still need completing:
form-yes = Yes
form-no = No
form-address-province = Province or city
form-address-commune = Commune, ward or special zone
form-address-street = House number, street, village

# Part C (issue 8): sending the application, the receipt (Mẫu 01) and the tracking link
apply-send-title = Now send your application
apply-send-declaration = By selecting “Send application” you confirm that the information you have given is correct. A sent application cannot be changed; if anything more is needed, the office will tell you.
apply-send-unfinished = Complete the parts still missing above before you send it.
apply-send = Send application
apply-send-refused = Your application was not sent: something is missing
apply-send-refused-documents = Check that every required document is attached.
apply-already-sent-title = This application has been sent
apply-already-sent-body = It has been sent, so it can no longer be changed. Its receipt and the date for the result are still available.
apply-already-sent-link = View the receipt
receipt-panel-title = Application sent
receipt-your-code = Your dossier code
receipt-print-hint = Keep this page: use your browser's print command (Ctrl + P) to print it or save it as a PDF. You need the dossier code to follow your application and to collect the result.
receipt-nation = SOCIALIST REPUBLIC OF VIETNAM
receipt-motto = Independence – Freedom – Happiness
receipt-form-number = Form 01 (Circular 01/2018/TT-VPCP)
receipt-title = RECEIPT OF DOSSIER AND APPOINTMENT FOR THE RESULT
receipt-code = Dossier code:
receipt-applicant = Received from
receipt-procedure = Procedure
receipt-agency = Handled by
receipt-received-at = Received
receipt-counted-from = Time counted from
receipt-processing-time = Processing time
receipt-due = Result due on
receipt-due-provisional = expected: next year's public holidays are not official yet
receipt-documents = Documents received
receipt-documents-no = No.
receipt-documents-name = Document
receipt-documents-originals = Originals
receipt-documents-copies = Copies
receipt-documents-files = Files
receipt-fees = Fees and charges
receipt-return = How you get the result
receipt-return-counter = Collect it in person from:
receipt-return-post = Sent by public postal service to:
receipt-postal-fee = Postal charge:
receipt-next = What happens next
receipt-next-check = An officer checks your dossier. If anything is missing, you get one notice listing everything to add.
receipt-next-supplement = If you have to add documents, the processing time starts again once the dossier is complete.
receipt-next-counter = When the result is ready, bring your ID and the originals of the documents you declared to collect it and pay any fees.
receipt-next-post = The result is posted to the address above; fees and postage, if any, are paid on delivery.
receipt-next-track = Scan the QR code or open the link below to follow your application.
receipt-qr-caption = Scan to follow your application
receipt-track-link = Follow your application
receipt-home = Back to the home page
track-title = Follow your application
track-status = Status
# Part B: the applicant and how the result is received (counter, postal fee)
apply-counter-title = Where to collect the result in person
apply-counter-address = Address
apply-counter-hours = Opening hours
apply-postal-fee-reference = Postal fee (reference tariff): { $fee }
apply-postal-fee = Postal fee: { $fee }
apply-postal-fee-to = Delivered to { $commune }
apply-postal-fee-originals = , with your original documents
# Part A of issue 8: document uploads (apply/documents.rs, server/apply/documents.rs)
documents-title = Documents
documents-lead = For each document, take a photo or scan of every page and upload it. You can choose several files at once.
documents-limits = PDF, JPEG or PNG files. Up to { $file } per file, { $total } for the whole application, { $count } files per document.
documents-used = Uploaded so far: { $used } of { $total }.
documents-required = Required
documents-required-if = Required if: { $case }
documents-optional = Optional
documents-filled-online = You filled this in on the previous pages: nothing to upload
documents-copies = Originals: { $originals }, copies: { $copies }
documents-shown-online = Online: upload a photo of each side. Bring the document itself when you collect the result, to be checked.
documents-none-yet = No files yet
documents-remove = Remove
documents-choose = Choose files or take a photo
documents-upload = Upload
documents-not-taken = These files were not accepted:
documents-missing = Required documents still missing:
documents-error-too-big = the file is too big. Take the photo at a lower resolution or split it into several files.
documents-error-dossier-full = the application has reached its total size limit. Remove some files or send smaller ones.
documents-error-slot-full = this document already has the most files it can take.
documents-error-wrong-type = not a PDF, JPEG or PNG file.
documents-error-empty = the file is empty.
documents-error-broken = the upload was interrupted. Please try again.
documents-error-submitted = the application has been sent, so its documents can no longer change.
documents-error-failed = it could not be saved. Please try again in a few minutes.
documents-error-none = You did not choose any file.

# Journey review (issue 8, helper E): an optional question left unanswered, on "check your answers"
apply-not-answered = Not answered
# The same for checkboxes on a page that was answered: leaving every box unticked is an answer
# (e.g. no Zalo notifications).
apply-none-ticked = None ticked
# Documents page, upload island (JavaScript on): each file on its own row while it uploads.
documents-upload-waiting = Waiting to upload
documents-upload-sending = Uploading…
documents-upload-done = Uploaded
documents-upload-offline = The connection was lost. Press Retry when you have signal.
documents-upload-retry = Retry

# Issue 9, portal side: the national dossier statuses, and the messages the outbox carries to the
# citizen (SMS, Zalo, email): short, with the dossier code and the tracking link.
workflow-status-1 = Newly registered
workflow-status-2 = Accepted
workflow-status-3 = Not accepted
workflow-status-4 = Being processed
workflow-status-5 = More documents requested
workflow-status-6 = Payment required
workflow-status-7 = Withdrawal requested
workflow-status-8 = Processing stopped
workflow-status-9 = Processing complete
workflow-status-10 = Result returned
workflow-msg-accept = Application { $code } has been accepted. Follow it: { $link }
workflow-msg-not_accept = Application { $code } was not accepted: { $reason }. Details: { $link }
workflow-msg-request_supplement = Application { $code } needs more documents by { $date }: { $reason }. Send them: { $link }
workflow-msg-require_payment = Application { $code }: please pay { $amount } VND ({ $reason }). Details: { $link }
workflow-msg-record_payment = Application { $code }: payment received, processing continues. Follow it: { $link }
workflow-msg-complete = Application { $code } is complete. How to receive the result: { $link }
workflow-msg-return_at_counter = Application { $code }: the result was handed over at the counter. Rate the service: { $link }
workflow-msg-hand_to_post = Application { $code }: the result is with VNPost, tracking number { $tracking }. Follow it: { $link }
workflow-msg-mark_delivered = Application { $code }: the result has been delivered. Rate the service: { $link }
workflow-msg-stop_processing = Application { $code }: processing has stopped: { $reason }. Details: { $link }
workflow-msg-apologise = Application { $code } is late; the office apologises. New date: { $date }. Details: { $link }
workflow-msg-change_return = Application { $code }: how the result comes back has just been changed. If it was not you, tell the office at once. Details: { $link }
# `dichvucong officer …` (operators and demos).
officer-cli-usage = Usage: dichvucong officer show <dossier code> | advance <dossier code> --to <action> [--reason …] [--note …] [--documents a;b] [--deadline YYYY-MM-DD] [--amount …] [--tracking …] [--date YYYY-MM-DD] | outbox
officer-cli-status = Status
officer-cli-due = Due
officer-cli-overdue = OVERDUE
officer-cli-events = Timeline
officer-cli-outbox-empty = No messages waiting.

# Issue 9, citizen side A: finding a dossier (/track), its status page (/track/{token}), dossiers on this device
track-lookup-title = Find your application
track-lookup-intro = Enter the code on your receipt and the phone number or citizen ID number you gave when you applied.
track-lookup-description = Follow an application you have made: enter the code on your receipt and the phone number or citizen ID number you gave.
track-lookup-code = Dossier code
track-lookup-code-hint = For example 000.00.01.H25-261201-0007. Lower case, spaces or a missing dash are fine.
track-lookup-factor = Phone number or citizen ID number
track-lookup-factor-hint = The one you gave when you applied, for example 0912 345 678 or 025195001234.
track-lookup-submit = Find it
track-lookup-not-found = No application matches this code and number. Check the code on your receipt and the phone number or citizen ID number you gave when you applied.
track-overdue = Overdue
track-return = How you receive the result
track-return-counter = At the one-stop counter
track-return-post = By post (VNPost)
track-due-moved = (first given as { $date })
track-apology-title = The office apologises for the delay
track-apology-body = The new date for your result is { $date }.
track-timeline-title = What has happened
track-event-submitted = Application sent
track-event-accept = Application accepted
track-event-not_accept = Application not accepted
track-event-start_processing = Processing started
track-event-request_supplement = More documents requested
track-event-require_payment = Payment requested
track-event-record_payment = Payment received
track-event-complete = Processing complete
track-event-return_at_counter = Result handed over at the counter
track-event-hand_to_post = Result handed to VNPost
track-event-mark_delivered = Result delivered by VNPost
track-event-stop_processing = Processing stopped
track-event-apologise = The office apologised and gave a new date
track-event-supplied = You sent the documents asked for
track-event-withdraw = You asked to withdraw the application
track-event-change_return = You changed how you receive the result
track-next-supplement-title = You need to send more documents
track-next-supplement-documents = Documents asked for:
track-next-supplement-deadline = Send them by { $date }.
track-next-supplement-button = Send the documents
track-next-pay-title = You need to pay a fee
track-next-pay-for = What it is for: { $purpose }
track-next-pay-how = How to pay:
track-next-pay-counter = In person at the one-stop counter.
track-next-pay-transfer = By bank transfer, with the details in the office's message; put the application code in the transfer's description.
track-next-pay-post = Through the VNPost postman when documents are collected or delivered.
track-next-collect-title = Your result is ready to collect
track-next-collect-body = Bring your receipt and your citizen ID card to:
track-next-collect-hours = Opening hours: { $hours }
track-next-post-title = Your result will come by post
track-next-post-sent = Your result has been handed to VNPost.
track-next-post-number = Tracking number:
track-next-post-waiting = Processing is complete. The VNPost tracking number will show here once the result is handed to the post.
track-next-rate-title = You have received your result
track-next-rate-body = Please tell us how satisfied you are with how your application was handled. It takes a minute.
track-next-rate-button = Rate the service
track-next-wait-title = Your application is being handled
track-next-wait-body = You do not need to do anything now. The office will send you a message when something changes.
track-next-none-title = There is nothing more to do
track-next-none-not-accepted = The application was not accepted.
track-next-none-withdrawn = You asked to withdraw this application.
track-next-none-stopped = The office stopped processing the application.
track-next-none-done = Your application is finished. Thank you.
track-office = Handled by
track-overdue-title = Your application is late
track-overdue-body = The result was due on { $date } and the application is not finished yet.
track-overdue-apology-due = The office must apologise in writing and give you a new date.
track-overdue-ask = To ask about it, call the hotline { $phone } or ask at the one-stop counter.
track-next-reason = Reason: { $reason }
track-next-none-rated = Your application is finished. Thank you for your rating.
track-withdraw-link = Withdraw the application
track-return-change-to-post = Receive it by post instead
track-return-change-to-counter = Collect it at the counter instead
track-device-title = Applications on this device
track-device-hint = Applications sent or found in this browser. On a shared computer, clear the list before you leave.
track-device-clear = Clear this list
track-device-cleared = The list of applications on this device has been cleared.
# Issue 9, citizen side B: what the citizen does from the status page (supplement, withdraw).
track-back = Back to your application's status
supplement-title = Send more documents
supplement-reason = Why the office asks
supplement-deadline = Send them by
supplement-lead = Upload each document asked for below, then press “Send to the office”. A photo taken with a phone will do.
supplement-send-lead = When every document has its files, send them to the office. Processing then goes on.
supplement-send = Send to the office
supplement-missing = These documents have no file yet. Upload them before sending:
supplement-nothing-asked = The office is not asking for more documents for this application. If you have just sent them, the office has them.
withdraw-title = Withdraw your application
withdraw-what-it-means = If you withdraw, the office stops processing and you will not get a result. Fees already paid may not be refunded. To try again you must send a new application.
withdraw-reason = Why are you withdrawing? (optional)
withdraw-reason-hint = At most 2000 characters. Do not write personal details that are not needed.
withdraw-confirm = Withdraw the application
withdraw-cancel = Do not withdraw, go back
withdraw-already = You have asked to withdraw this application. The office will deal with your request.
withdraw-too-late = This application can no longer be withdrawn: the office has finished with it or stopped processing it.
return-title = Change how you receive the result
return-now = Now
return-check = Continue
return-confirm-title = Check how you will receive the result
return-change-answers = Change your answers
return-confirm = Confirm the change
return-too-late = How the result comes back can no longer change: it has been sent or handed to you.
rate-title = Rate the service
rate-lead = Your answers help the office serve people better. Each application can be rated once.
rate-time = Time taken against the legal limit
rate-time-2 = On time (from the date on the receipt)
rate-time-1 = Late, with a written apology and a new date
rate-time-0 = Late
rate-contacts = How many times you had to contact the office
rate-contacts-2 = Once
rate-contacts-1 = Twice
rate-contacts-0 = Three times or more
rate-offices = How many offices you had to go to
rate-offices-2 = One office
rate-offices-1 = Two offices
rate-offices-0 = Three offices or more
rate-attitude = The staff's attitude
rate-attitude-2 = Polite and helpful
rate-attitude-1 = Acceptable
rate-attitude-0 = Impolite or unhelpful
rate-ease = How easy the online service was to use
rate-overall = Overall satisfaction
rate-very_satisfied = Very satisfied
rate-satisfied = Satisfied
rate-unsatisfied = Unsatisfied
rate-comment = Anything else? (optional)
rate-comment-hint = At most 1000 characters.
rate-send = Send your rating
rate-error-missing = Choose an answer
rate-thanks = Thank you for your rating
rate-stored = Your rating has been recorded:
rate-not-yet = You can rate the service once your application has been dealt with.
