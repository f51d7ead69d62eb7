## Khung trang
site-name = Cổng Dịch vụ công
site-province = Tỉnh { $province }
skip-to-content = Chuyển đến nội dung chính
nav-label = Điều hướng chính
nav-find = Tìm thủ tục
lang-switch = English
footer-help = Cần hỗ trợ? Gọi đường dây nóng
footer-hours = Tiếp nhận hồ sơ trực tiếp: thứ Hai đến thứ Sáu, sáng 7:30–11:30, chiều 13:30–17:00.
forget-hint = Dùng máy chung (ví dụ máy ở bộ phận một cửa)? Khi xong việc, hãy xóa dữ liệu của bạn khỏi trình duyệt này.
forget-button = Xóa dữ liệu của tôi trên máy này
forgotten-title = Đã xóa dữ liệu của bạn trên máy này
forgotten-removed = Trình duyệt này không còn giữ hồ sơ bạn đang làm dở, danh sách hồ sơ đã nộp từ máy này, hay những gì bạn đã gõ mà chưa gửi.
forgotten-safe = Hồ sơ của bạn vẫn được Cổng dịch vụ công lưu giữ: hồ sơ đã nộp tra cứu được bằng mã hồ sơ và số điện thoại; hồ sơ đang làm dở mở lại được bằng mã tiếp tục trong 30 ngày.
forgotten-close = Trên máy dùng chung, hãy đóng mọi cửa sổ trình duyệt khi bạn rời đi: lịch sử các trang đã xem chỉ trình duyệt mới xóa được.

## Trang chủ
home-title = Tìm thủ tục hành chính bạn cần
home-lead = Xem cần chuẩn bị giấy tờ gì, mất bao lâu, phí bao nhiêu và nộp ở đâu — rồi nộp hồ sơ trực tuyến.
home-description = Tra cứu thủ tục hành chính: thành phần hồ sơ, thời hạn giải quyết, phí, lệ phí, nơi nộp và nộp hồ sơ trực tuyến.
home-popular = Thủ tục được dùng nhiều nhất
home-sectors = Tìm theo lĩnh vực
home-sector-count = { $count } thủ tục

## Tìm kiếm
search-label = Tìm thủ tục hành chính
search-hint = Gõ tên thủ tục, có dấu hay không dấu đều được. Ví dụ: khai sinh, sổ đỏ, đăng ký kinh doanh, 1.001193
search-button = Tìm kiếm
filters-legend = Lọc kết quả
filter-sector = Lĩnh vực
filter-any-sector = Tất cả lĩnh vực
filter-level = Cấp thực hiện
filter-any-level = Mọi cấp
filter-online = Mức độ trực tuyến
filter-any-online = Mọi mức độ
results-heading = Thủ tục hành chính
results-title = Kết quả tìm kiếm “{ $query }”
results-title-all = Danh sách thủ tục hành chính
results-description = Kết quả tìm kiếm thủ tục hành chính theo tên, lĩnh vực, cấp thực hiện và mức độ trực tuyến.
results-count = Tìm thấy { $count } thủ tục cho “{ $query }”
results-count-all = Có { $count } thủ tục
results-empty-title = Không tìm thấy thủ tục nào phù hợp
results-empty-spelling = Kiểm tra lại chính tả, hoặc gõ không dấu.
results-empty-fewer = Thử ít từ hơn, ví dụ “khai sinh” thay cho “đăng ký khai sinh cho con”.
results-empty-filters = Bỏ bớt bộ lọc lĩnh vực, cấp thực hiện hoặc mức độ.
results-empty-browse = Xem các thủ tục theo lĩnh vực
pagination-label = Các trang kết quả
pagination-prev = ‹ Trang trước
pagination-next = Trang sau ›
pagination-page = Trang { $page }

## Thẻ thủ tục
procedure-code = Mã thủ tục
card-time = Thời hạn:
card-free = Miễn phí
level-province = Cấp tỉnh
level-commune = Cấp xã
online-level-2 = Chỉ cung cấp thông tin
online-level-3 = Trực tuyến một phần
online-level-4 = Trực tuyến toàn trình
time-same-day = trong ngày
time-working-days = { $count } ngày làm việc
time-days = { $count } ngày
time-working-hours = { $count } giờ làm việc

## Trang thủ tục
procedure-description = { $name }: hồ sơ cần chuẩn bị, thời hạn, phí, lệ phí và nơi nộp ({ $agency }).
breadcrumb-label = Vị trí trang
breadcrumb-home = Trang chủ
procedure-sector = Lĩnh vực
procedure-level = Cấp thực hiện
procedure-online = Mức độ trực tuyến
procedure-interconnected = Đây là thủ tục liên thông: bạn nộp một bộ hồ sơ, các cơ quan liên quan tự chuyển cho nhau.
procedure-apply-lead = Thủ tục này nộp được trực tuyến, không cần đến nơi nộp.
procedure-apply = Nộp hồ sơ trực tuyến
procedure-applicants = Ai được nộp
procedure-conditions = Điều kiện
procedure-documents = Giấy tờ cần chuẩn bị
procedure-time-fees = Thời hạn giải quyết và phí, lệ phí
procedure-steps = Các bước thực hiện
procedure-agency = Nơi giải quyết
procedure-result = Kết quả bạn nhận được
procedure-legal = Căn cứ pháp lý
document-originals = { $count } bản chính
document-copies = { $count } bản sao
document-mandatory = Bắt buộc
document-optional = Nếu có
document-case = Áp dụng khi:
document-download = Tải mẫu:
document-form = Mẫu:
document-form-at-counter = (nhận tại nơi nộp hồ sơ)
channel-in-person = Nộp trực tiếp
channel-online = Nộp trực tuyến
channel-postal = Nộp qua bưu chính công ích
fee-free = Miễn phí
fee-none = Không thu phí, lệ phí

## Nộp hồ sơ
apply-title = Nộp hồ sơ trực tuyến
apply-not-yet = Việc nộp hồ sơ trực tuyến cho thủ tục này trên trang này sắp được mở. Hiện tại bạn có thể nộp trực tiếp hoặc qua bưu điện.
apply-meanwhile = Nơi nộp:
apply-back = Xem lại giấy tờ cần chuẩn bị

## Lỗi
error-not-found-title = Không tìm thấy trang
error-not-found-body = Địa chỉ này không có hoặc thủ tục đã được thay đổi. Hãy tìm lại thủ tục bằng ô tìm kiếm.
error-unavailable-title = Hệ thống đang bận
error-unavailable-body = Cổng dịch vụ công của tỉnh chưa trả lời kịp. Thông tin bạn nhập không bị mất. Vui lòng thử lại sau ít phút.
error-broken-title = Có lỗi khi lấy thông tin
error-broken-body = Cổng dịch vụ công trả về dữ liệu không đọc được. Vui lòng thử lại sau, hoặc gọi đường dây nóng nếu lỗi vẫn còn.
error-retry = Thử lại
error-home = Về trang chủ
error-search = Tìm thủ tục
error-part-unavailable = Phần này tạm thời chưa tải được. Bạn vẫn có thể tìm thủ tục bằng ô tìm kiếm ở trên.

# Replies of the HTTP layer itself (before any page is rendered)
http-error-title = { $status ->
    [400] Yêu cầu không hợp lệ
    [403] Biểu mẫu không được nhận
    [405] Không thực hiện được thao tác này
    [408] Hết thời gian chờ
    [413] Dữ liệu gửi lên quá lớn
    [414] Địa chỉ quá dài
    [431] Yêu cầu quá lớn
    [429] Thử quá nhiều lần
   *[other] Có lỗi xảy ra
}
http-error-body = { $status ->
    [400] Địa chỉ hoặc dữ liệu gửi lên không đọc được. Hãy kiểm tra lại địa chỉ, hoặc bắt đầu lại từ trang chủ.
    [403] Biểu mẫu này phải được gửi từ chính trang Cổng Dịch vụ công. Hãy mở lại trang và thử lại; những gì bạn đã lưu vẫn còn.
    [405] Trang này chỉ để xem. Hãy mở lại trang từ trang chủ.
    [408] Máy chủ chờ quá lâu mà không nhận đủ dữ liệu. Hãy thử lại khi sóng điện thoại tốt hơn.
    [413] Tệp hoặc nội dung bạn gửi vượt quá giới hạn cho phép. Hãy gửi tệp nhỏ hơn.
    [414] Địa chỉ trang quá dài nên không mở được. Hãy tìm lại bằng ô tìm kiếm với ít chữ hơn.
    [431] Địa chỉ hoặc cookie của trang quá dài. Hãy mở lại từ trang chủ; nếu vẫn lỗi, hãy xóa cookie của trang này trong trình duyệt.
    [429] Có quá nhiều lần thử từ kết nối của bạn trong thời gian ngắn. Hãy chờ vài phút rồi thử lại; những gì bạn đã lưu vẫn còn.
   *[other] Vui lòng thử lại sau ít phút, hoặc gọi đường dây nóng nếu lỗi vẫn còn.
}

# The portal's limit on lookups of one dossier code (anyone's tries, not this connection's)
http-error-code-limit-title = Mã hồ sơ này đã được tra cứu quá nhiều lần
http-error-code-limit-body = Để bảo vệ hồ sơ, việc tra cứu mã này đang tạm dừng. Hãy thử lại sau { $minutes } phút, hoặc hỏi trực tiếp tại Bộ phận Một cửa (mang theo giấy tiếp nhận hồ sơ).

# The form kit (components/form)
form-error-summary-title = Có lỗi cần sửa
form-error-prefix = Lỗi:
form-change = Thay đổi
form-date-day = Ngày
form-date-month = Tháng
form-date-year = Năm
task-completed = Đã xong
task-in-progress = Đang làm
task-not-started = Chưa bắt đầu
task-cannot-start = Chưa thể bắt đầu
# Lỗi khi kiểm tra câu trả lời trong tờ khai điện tử (mỗi lỗi nói cách sửa)
form-error-required = Vui lòng điền thông tin này.
form-error-too-many-values = Chỉ nhập một câu trả lời cho ô này.
form-error-too-short = Nhập ít nhất { $min } ký tự.
form-error-too-long = Nhập tối đa { $max } ký tự.
form-error-pattern-digits = Chỉ nhập chữ số (0–9).
form-error-pattern-personal-name = Họ tên chỉ gồm chữ cái, dấu cách, dấu gạch ngang hoặc dấu nháy.
form-error-pattern-reference = Chỉ nhập chữ cái, chữ số, dấu cách và các dấu / - .
form-error-not-a-number = Nhập một số, ví dụ 120 hoặc 85,5.
form-error-too-small = Nhập một số từ { $min } trở lên.
form-error-too-large = Nhập một số không quá { $max }.
form-error-not-a-date = Nhập một ngày có thật: ngày, tháng và năm, ví dụ 15 3 2024.
form-error-date-in-future = Ngày này không được sau ngày hôm nay.
form-error-not-an-option = Chọn một trong các lựa chọn đã cho.
form-error-citizen-id-length = Số định danh cá nhân (CCCD) gồm đúng 12 chữ số.
form-error-citizen-id-province = 3 chữ số đầu của số định danh cá nhân không phải mã tỉnh, thành phố. Kiểm tra lại trên thẻ căn cước.
form-error-citizen-id-future = Chữ số thứ 4 đến thứ 6 của số định danh cá nhân cho năm sinh chưa tới. Kiểm tra lại trên thẻ căn cước.
form-error-citizen-id-birth-year = Số định danh cá nhân không khớp với năm sinh đã nhập (chữ số thứ 4 đến thứ 6). Kiểm tra lại số hoặc ngày sinh.
form-error-citizen-id-sex = Số định danh cá nhân không khớp với giới tính đã nhập (chữ số thứ 4). Kiểm tra lại số hoặc giới tính.
form-error-phone = Nhập số điện thoại di động Việt Nam gồm 10 chữ số, ví dụ 0912 345 678 hoặc +84 912 345 678.
form-error-email = Nhập địa chỉ thư điện tử đúng dạng, ví dụ ten@example.vn, hoặc để trống.
form-error-enterprise-code = Nhập mã số doanh nghiệp gồm 10 chữ số, hoặc 13 chữ số đối với chi nhánh (ví dụ 0101234567-001).
form-error-not-a-unit = Chọn xã, phường trong danh sách của tỉnh.
form-choose = — Chọn —

# The apply journey
apply-back-link = Quay lại
apply-continue = Lưu và tiếp tục
apply-resume-open = Mở hồ sơ
# The application at a glance (apply/tasks.rs)
apply-tasks-title = Hồ sơ của bạn
apply-tasks-count = Bạn đã hoàn thành { $done } trên { $total } phần.
apply-tasks-check = Kiểm tra lại và gửi hồ sơ
apply-tasks-link = Xem tất cả các phần của hồ sơ và những phần còn lại
# Keep-typing island (apply/keep_typing.rs): said quietly under the form.
apply-unsent = Chưa lưu: câu trả lời được lưu khi bạn bấm "Lưu và tiếp tục".
apply-waiting-for-signal = Mất kết nối. Câu trả lời được giữ trên máy này và sẽ tự gửi khi có sóng trở lại.
apply-restored = Những gì bạn đã nhập vẫn được giữ trên máy này. Bấm "Lưu và tiếp tục" để lưu.
apply-start = Bắt đầu nộp hồ sơ
apply-resume = Tiếp tục hồ sơ đã lưu
apply-have-code = Đã có mã tiếp tục? Tiếp tục hồ sơ đã lưu
apply-in-progress-title = Bạn đang làm dở một hồ sơ cho thủ tục này
apply-in-progress-body = Câu trả lời và giấy tờ đã tải lên vẫn được lưu. Hãy làm tiếp từ chỗ đã dừng, hoặc bắt đầu một hồ sơ mới (ví dụ cho một người khác).
apply-in-progress-continue = Tiếp tục hồ sơ đang làm
apply-start-new = Bắt đầu một hồ sơ mới
apply-start-new-hint = Hồ sơ đang làm vẫn được giữ: mở lại bằng mã tiếp tục dưới đây.
apply-you-need = Bạn cần chuẩn bị
apply-saved-as-you-go = Câu trả lời được lưu sau mỗi trang. Bạn sẽ nhận một mã tiếp tục để làm tiếp trên máy khác, trong 30 ngày.
apply-resume-code = Mã tiếp tục hồ sơ
apply-resume-code-hint = { $days ->
    [one] Ghi lại mã này để tiếp tục trên máy khác. Mã còn dùng được 1 ngày.
   *[other] Ghi lại mã này để tiếp tục trên máy khác. Mã còn dùng được { $days } ngày.
}
apply-resume-code-example = 16 ký tự, ví dụ: 7K2M-9QXD-4HRT-B1CW
apply-resume-not-found = Không có hồ sơ nào với mã này, hoặc hồ sơ đã quá 30 ngày. Kiểm tra lại mã đã ghi.
apply-resume-saved = Những gì bạn vừa nhập, tải lên hoặc xóa đã được lưu vào hồ sơ của trang đó. Trình duyệt này hiện không mở hồ sơ ấy (có thể một hồ sơ khác đã được bắt đầu ở thẻ khác). Để tiếp tục hồ sơ ấy, hãy nhập mã tiếp tục của nó, in trên các trang của hồ sơ.
apply-resume-unkept = Không phải tất cả các tệp bạn chọn đều được lưu vào hồ sơ của trang đó (có thể tệp quá lớn hoặc không đúng loại). Trình duyệt này hiện không mở hồ sơ ấy (có thể một hồ sơ khác đã được bắt đầu ở thẻ khác). Hãy mở hồ sơ ấy bằng mã tiếp tục in trên các trang của nó: trang giấy tờ đính kèm cho biết hồ sơ đã có những tệp nào.
apply-resume-unsent = Hồ sơ chưa được gửi: trình duyệt này hiện không mở hồ sơ của trang đó (có thể một hồ sơ khác đã được bắt đầu ở thẻ khác). Để gửi hồ sơ ấy, hãy nhập mã tiếp tục của nó, in trên các trang của hồ sơ, rồi gửi lại.
apply-none-title = Không tìm thấy hồ sơ đang làm
apply-none-body = Trình duyệt này chưa có hồ sơ đang làm cho thủ tục này (hoặc hồ sơ đã hết hạn). Hãy bắt đầu nộp hồ sơ, hoặc nhập mã tiếp tục nếu bạn đã bắt đầu ở máy khác.
apply-check-title = Kiểm tra lại thông tin
apply-check-unfinished = Còn các phần cần hoàn thành:
form-yes = Có
form-no = Không
form-address-province = Tỉnh, thành phố
form-address-commune = Xã, phường, đặc khu
form-address-street = Số nhà, đường, thôn, xóm

# Part C (issue 8): sending the application, the receipt (Mẫu 01) and the tracking link
apply-send-title = Gửi hồ sơ
apply-send-declaration = Khi bấm “Gửi hồ sơ”, bạn xác nhận các thông tin đã khai là đúng sự thật. Hồ sơ gửi đi sẽ không sửa được nữa; nếu cần bổ sung, cơ quan sẽ thông báo cho bạn.
apply-send-unfinished = Hãy hoàn thành các phần còn thiếu ở trên trước khi gửi.
apply-send = Gửi hồ sơ
apply-send-refused = Hồ sơ chưa gửi được vì còn thiếu thông tin
apply-send-refused-documents = Kiểm tra để chắc chắn đã đính kèm đủ các giấy tờ bắt buộc.
apply-already-sent-title = Hồ sơ này đã được gửi
apply-already-sent-body = Hồ sơ đã được gửi nên không sửa được nữa. Giấy tiếp nhận và ngày hẹn trả kết quả vẫn xem được.
apply-already-sent-link = Xem giấy tiếp nhận hồ sơ
receipt-panel-title = Đã gửi hồ sơ
receipt-your-code = Mã hồ sơ của bạn
receipt-print-hint = Hãy lưu hoặc in trang này: dùng lệnh In của trình duyệt (Ctrl + P) để in hoặc lưu thành tệp PDF. Bạn cần mã hồ sơ khi tra cứu và khi nhận kết quả.
receipt-nation = CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM
receipt-motto = Độc lập – Tự do – Hạnh phúc
receipt-form-number = Mẫu số 01 (Thông tư số 01/2018/TT-VPCP)
receipt-title = GIẤY TIẾP NHẬN HỒ SƠ VÀ HẸN TRẢ KẾT QUẢ
receipt-code = Mã hồ sơ:
receipt-applicant = Tiếp nhận hồ sơ của
receipt-procedure = Thủ tục
receipt-agency = Cơ quan giải quyết
receipt-received-at = Thời gian tiếp nhận
receipt-counted-from = Thời hạn tính từ
receipt-processing-time = Thời hạn giải quyết
receipt-due = Ngày hẹn trả kết quả
receipt-due-provisional = dự kiến, lịch nghỉ lễ năm sau chưa chính thức
receipt-documents = Thành phần hồ sơ đã nhận
receipt-documents-no = STT
receipt-documents-name = Tên giấy tờ
receipt-documents-originals = Bản chính
receipt-documents-copies = Bản sao
receipt-documents-files = Số tệp đính kèm
receipt-fees = Phí, lệ phí
receipt-return = Hình thức nhận kết quả
receipt-return-counter = Nhận trực tiếp tại cơ quan giải quyết:
receipt-return-post = Nhận qua dịch vụ bưu chính công ích tại địa chỉ:
receipt-postal-fee = Cước dịch vụ bưu chính:
receipt-next = Các bước tiếp theo
receipt-next-check = Cán bộ kiểm tra hồ sơ. Nếu hồ sơ còn thiếu, bạn nhận một thông báo nêu đầy đủ những gì cần bổ sung.
receipt-next-supplement = Nếu phải bổ sung hồ sơ, thời hạn giải quyết được tính lại từ khi nhận đủ hồ sơ.
receipt-next-counter = Khi có kết quả, mang giấy tờ tùy thân và bản chính các giấy tờ đã khai đến nhận kết quả và nộp phí, lệ phí (nếu có).
receipt-next-post = Kết quả được gửi qua bưu điện đến địa chỉ trên; phí, lệ phí và cước (nếu có) trả khi nhận.
receipt-next-track = Quét mã QR hoặc mở đường dẫn dưới đây để theo dõi tình trạng hồ sơ.
receipt-qr-caption = Quét mã để theo dõi hồ sơ
receipt-track-link = Theo dõi hồ sơ
receipt-home = Về trang chủ
track-title = Theo dõi hồ sơ
track-status = Tình trạng
# Part B: the applicant and how the result is received (counter, postal fee)
apply-counter-title = Nơi nhận kết quả trực tiếp
apply-counter-address = Địa chỉ
apply-counter-hours = Giờ làm việc
apply-postal-fee-reference = Cước bưu điện (biểu giá tham khảo): { $fee }
apply-postal-fee = Cước bưu điện: { $fee }
apply-postal-fee-to = Chuyển phát đến { $commune }
apply-postal-fee-originals = , gửi kèm bản chính giấy tờ
# Part A of issue 8: document uploads (apply/documents.rs, server/apply/documents.rs)
documents-title = Giấy tờ đính kèm
documents-lead = Với mỗi giấy tờ, chụp ảnh hoặc quét từng trang rồi tải lên. Có thể chọn nhiều tệp cùng lúc.
documents-limits = Nhận tệp PDF, JPEG hoặc PNG. Mỗi tệp tối đa { $file }, cả hồ sơ tối đa { $total }, mỗi giấy tờ tối đa { $count } tệp.
documents-used = Đã tải lên { $used } trên { $total }.
documents-required = Bắt buộc
documents-required-if = Bắt buộc nếu: { $case }
documents-optional = Không bắt buộc
documents-filled-online = Bạn đã khai ở các trang trước, không cần tải lên
documents-copies = Bản chính: { $originals }, bản sao: { $copies }
documents-shown-online = Nộp trực tuyến: tải lên ảnh chụp từng mặt. Mang theo bản chính khi nhận kết quả để đối chiếu.
documents-none-yet = Chưa có tệp nào
documents-remove = Xóa
documents-choose = Chọn tệp hoặc chụp ảnh
documents-upload = Tải lên
documents-not-taken = Các tệp sau chưa được nhận:
documents-missing = Còn thiếu giấy tờ bắt buộc:
documents-error-too-big = tệp quá lớn. Hãy chụp lại với độ phân giải thấp hơn hoặc chia thành nhiều tệp.
documents-error-dossier-full = hồ sơ đã đạt tổng dung lượng cho phép. Hãy xóa bớt tệp hoặc gửi tệp nhỏ hơn.
documents-error-slot-full = giấy tờ này đã có đủ số tệp tối đa.
documents-error-wrong-type = không phải tệp PDF, JPEG hoặc PNG.
documents-error-empty = tệp trống, không có nội dung.
documents-error-broken = việc tải lên bị gián đoạn. Hãy thử lại.
documents-error-submitted = hồ sơ đã được nộp nên không thể thay đổi giấy tờ.
documents-error-failed = chưa lưu được. Hãy thử lại sau ít phút.
documents-error-none = Bạn chưa chọn tệp nào.

# Journey review (issue 8, helper E): an optional question left unanswered, on "check your answers"
apply-not-answered = Không trả lời
# The same for checkboxes on a page that was answered: leaving every box unticked is an answer
# (e.g. no Zalo notifications).
apply-none-ticked = Không chọn
# Documents page, upload island (JavaScript on): each file on its own row while it uploads.
documents-upload-waiting = Đang chờ tải lên
documents-upload-sending = Đang tải lên…
documents-upload-done = Đã tải lên
documents-upload-offline = Mất kết nối. Hãy bấm Thử lại khi có sóng.
documents-upload-retry = Thử lại

# Issue 9, portal side: the national dossier statuses, and the messages the outbox carries to the
# citizen (SMS, Zalo, email): short, with the dossier code and the tracking link.
workflow-status-1 = Mới đăng ký
workflow-status-2 = Đã tiếp nhận
workflow-status-3 = Không được tiếp nhận
workflow-status-4 = Đang xử lý
workflow-status-5 = Yêu cầu bổ sung
workflow-status-6 = Yêu cầu thực hiện nghĩa vụ tài chính
workflow-status-7 = Công dân yêu cầu rút hồ sơ
workflow-status-8 = Dừng xử lý
workflow-status-9 = Đã xử lý xong
workflow-status-10 = Đã trả kết quả
workflow-msg-accept = Hồ sơ { $code } đã được tiếp nhận. Theo dõi: { $link }
workflow-msg-not_accept = Hồ sơ { $code } không được tiếp nhận: { $reason }. Chi tiết: { $link }
workflow-msg-request_supplement = Hồ sơ { $code } cần bổ sung giấy tờ trước ngày { $date }: { $reason }. Nộp bổ sung: { $link }
workflow-msg-require_payment = Hồ sơ { $code } cần nộp { $amount } đồng ({ $reason }). Chi tiết: { $link }
workflow-msg-record_payment = Hồ sơ { $code }: đã nhận khoản thanh toán, hồ sơ tiếp tục được xử lý. Theo dõi: { $link }
workflow-msg-complete = Hồ sơ { $code } đã có kết quả. Cách nhận kết quả: { $link }
workflow-msg-return_at_counter = Hồ sơ { $code }: kết quả đã được trả tại Bộ phận Một cửa. Mời đánh giá: { $link }
workflow-msg-hand_to_post = Hồ sơ { $code }: kết quả đã gửi qua VNPost, mã vận đơn { $tracking }. Theo dõi: { $link }
workflow-msg-mark_delivered = Hồ sơ { $code }: kết quả đã được giao. Mời đánh giá: { $link }
workflow-msg-stop_processing = Hồ sơ { $code } đã dừng xử lý: { $reason }. Chi tiết: { $link }
workflow-msg-apologise = Hồ sơ { $code } trả kết quả chậm, cơ quan xin lỗi; ngày hẹn mới { $date }. Chi tiết: { $link }
workflow-msg-change_return = Hồ sơ { $code }: cách nhận kết quả vừa được thay đổi. Nếu không phải bạn thay đổi, hãy báo ngay cho cơ quan. Chi tiết: { $link }
# `dichvucong officer …` (operators and demos).
officer-cli-usage = Cách dùng: dichvucong officer show <mã hồ sơ> | advance <mã hồ sơ> --to <hành động> [--reason …] [--note …] [--documents a;b] [--deadline YYYY-MM-DD] [--amount …] [--tracking …] [--date YYYY-MM-DD] | outbox
officer-cli-status = Trạng thái
officer-cli-due = Hạn trả kết quả
officer-cli-overdue = QUÁ HẠN
officer-cli-events = Quá trình xử lý
officer-cli-outbox-empty = Không có tin nhắn nào chờ gửi.

# Issue 9, citizen side A: tra cứu hồ sơ (/track), trang tình trạng (/track/{token}), hồ sơ trên thiết bị này
track-lookup-title = Tra cứu hồ sơ
track-lookup-intro = Nhập mã hồ sơ trên giấy tiếp nhận và số điện thoại hoặc số căn cước công dân bạn đã khai khi nộp.
track-lookup-description = Tra cứu tình trạng hồ sơ thủ tục hành chính đã nộp: nhập mã hồ sơ trên giấy tiếp nhận và số điện thoại hoặc số căn cước công dân.
track-lookup-code = Mã hồ sơ
track-lookup-code-hint = Ví dụ: 000.00.01.H25-261201-0007. Có thể gõ chữ thường, thiếu dấu gạch hoặc có dấu cách.
track-lookup-factor = Số điện thoại hoặc số căn cước công dân
track-lookup-factor-hint = Số bạn đã khai khi nộp hồ sơ, ví dụ 0912 345 678 hoặc 025195001234.
track-lookup-submit = Tra cứu
track-lookup-not-found = Không tìm thấy hồ sơ với mã và số đã nhập. Kiểm tra lại mã hồ sơ trên giấy tiếp nhận và số điện thoại hoặc số căn cước công dân đã khai khi nộp.
track-overdue = Quá hạn
track-return = Cách nhận kết quả
track-return-counter = Nhận tại Bộ phận Một cửa
track-return-post = Nhận qua bưu điện (VNPost)
track-due-moved = (hẹn ban đầu: { $date })
track-apology-title = Cơ quan xin lỗi vì trả kết quả chậm
track-apology-body = Ngày hẹn trả kết quả mới: { $date }.
track-timeline-title = Quá trình xử lý
track-event-submitted = Hồ sơ đã được gửi
track-event-accept = Hồ sơ được tiếp nhận
track-event-not_accept = Hồ sơ không được tiếp nhận
track-event-start_processing = Bắt đầu giải quyết
track-event-request_supplement = Yêu cầu bổ sung giấy tờ
track-event-require_payment = Yêu cầu nộp phí, lệ phí
track-event-record_payment = Đã nhận tiền phí, lệ phí
track-event-complete = Đã giải quyết xong
track-event-return_at_counter = Đã trả kết quả tại Bộ phận Một cửa
track-event-hand_to_post = Kết quả đã giao cho bưu điện
track-event-mark_delivered = Bưu điện đã giao kết quả
track-event-stop_processing = Dừng xử lý hồ sơ
track-event-apologise = Cơ quan xin lỗi và hẹn lại ngày trả kết quả
track-event-supplied = Bạn đã bổ sung giấy tờ
track-event-withdraw = Bạn đã xin rút hồ sơ
track-event-change_return = Bạn đã thay đổi cách nhận kết quả
track-next-supplement-title = Bạn cần bổ sung giấy tờ
track-next-supplement-documents = Giấy tờ cần bổ sung:
track-next-supplement-deadline = Hạn bổ sung: { $date }.
track-next-supplement-button = Bổ sung giấy tờ
track-next-pay-title = Bạn cần nộp phí, lệ phí
track-next-pay-for = Nội dung: { $purpose }
track-next-pay-how = Cách nộp:
track-next-pay-counter = Nộp trực tiếp tại Bộ phận Một cửa.
track-next-pay-transfer = Chuyển khoản theo thông tin trong tin nhắn của cơ quan, ghi mã hồ sơ ở nội dung chuyển khoản.
track-next-pay-post = Nộp qua nhân viên bưu điện (VNPost) khi nhận hoặc gửi giấy tờ.
track-next-collect-title = Kết quả đã sẵn sàng: mời bạn đến nhận
track-next-collect-body = Mang theo giấy tiếp nhận hồ sơ và căn cước công dân đến:
track-next-collect-hours = Giờ làm việc: { $hours }
track-next-post-title = Kết quả sẽ được gửi qua bưu điện
track-next-post-sent = Kết quả đã được giao cho bưu điện (VNPost).
track-next-post-number = Số hiệu bưu gửi:
track-next-post-waiting = Hồ sơ đã giải quyết xong. Số hiệu bưu gửi sẽ hiện ở đây khi kết quả được giao cho bưu điện.
track-next-rate-title = Bạn đã nhận kết quả
track-next-rate-body = Mời bạn đánh giá mức độ hài lòng với việc giải quyết hồ sơ. Chỉ mất một phút.
track-next-rate-button = Đánh giá
track-next-wait-title = Hồ sơ đang được xử lý
track-next-wait-body = Bạn chưa cần làm gì. Cơ quan sẽ nhắn tin cho bạn khi có thay đổi.
track-next-none-title = Bạn không cần làm gì thêm
track-next-none-not-accepted = Hồ sơ không được tiếp nhận.
track-next-none-withdrawn = Bạn đã xin rút hồ sơ này.
track-next-none-stopped = Cơ quan đã dừng xử lý hồ sơ.
track-next-none-done = Hồ sơ đã hoàn tất. Cảm ơn bạn.
track-office = Cơ quan giải quyết
track-overdue-title = Hồ sơ đã quá hạn giải quyết
track-overdue-body = Đã quá ngày hẹn trả kết quả ({ $date }) mà hồ sơ chưa được giải quyết xong.
track-overdue-apology-due = Cơ quan giải quyết phải gửi văn bản xin lỗi và hẹn lại ngày trả kết quả.
track-overdue-ask = Nếu cần hỏi, hãy gọi đường dây nóng { $phone } hoặc hỏi tại Bộ phận Một cửa.
track-next-reason = Lý do: { $reason }
track-next-none-rated = Hồ sơ đã hoàn tất. Cảm ơn bạn đã đánh giá.
track-withdraw-link = Xin rút hồ sơ
track-return-change-to-post = Chuyển sang nhận qua bưu điện
track-return-change-to-counter = Chuyển sang nhận tại Bộ phận Một cửa
track-device-title = Hồ sơ trên thiết bị này
track-device-hint = Các hồ sơ đã nộp hoặc tra cứu trên trình duyệt này. Nếu dùng máy công cộng, hãy xóa danh sách trước khi rời đi.
track-device-clear = Xóa danh sách này
track-device-cleared = Đã xóa danh sách hồ sơ trên thiết bị này.
# Issue 9, citizen side B: what the citizen does from the status page (supplement, withdraw).
track-back = Quay lại tình trạng hồ sơ
supplement-title = Bổ sung giấy tờ
supplement-reason = Lý do cơ quan yêu cầu
supplement-deadline = Hạn bổ sung
supplement-lead = Tải lên từng giấy tờ được yêu cầu dưới đây, rồi bấm “Gửi cho cơ quan”. Có thể chụp bằng điện thoại.
supplement-send-lead = Khi đã tải lên đủ các giấy tờ, gửi chúng cho cơ quan. Hồ sơ sẽ được tiếp tục xử lý.
supplement-send = Gửi cho cơ quan
supplement-missing = Các giấy tờ sau chưa có tệp nào. Hãy tải lên trước khi gửi:
supplement-nothing-asked = Cơ quan hiện không yêu cầu bổ sung giấy tờ cho hồ sơ này. Nếu bạn vừa gửi, giấy tờ đã đến cơ quan.
withdraw-title = Rút hồ sơ
withdraw-what-it-means = Khi rút hồ sơ, cơ quan sẽ dừng giải quyết và bạn sẽ không nhận được kết quả. Lệ phí đã nộp có thể không được hoàn lại. Nếu muốn làm lại, bạn phải nộp hồ sơ mới.
withdraw-reason = Lý do rút hồ sơ (không bắt buộc)
withdraw-reason-hint = Tối đa 2000 ký tự. Không ghi thông tin cá nhân không cần thiết.
withdraw-confirm = Xác nhận rút hồ sơ
withdraw-cancel = Không rút, quay lại
withdraw-already = Bạn đã yêu cầu rút hồ sơ này. Cơ quan sẽ xử lý yêu cầu của bạn.
withdraw-too-late = Hồ sơ này không thể rút được nữa vì cơ quan đã giải quyết xong hoặc đã dừng xử lý.
return-title = Thay đổi cách nhận kết quả
return-now = Hiện tại
return-check = Tiếp tục
return-confirm-title = Kiểm tra cách nhận kết quả mới
return-change-answers = Sửa lại
return-confirm = Xác nhận thay đổi
return-too-late = Không thể thay đổi cách nhận kết quả nữa: kết quả đã được gửi đi hoặc đã trả cho bạn.
rate-title = Đánh giá mức độ hài lòng
rate-lead = Ý kiến của bạn giúp cơ quan phục vụ tốt hơn. Mỗi hồ sơ chỉ được đánh giá một lần.
rate-time = Thời gian giải quyết so với quy định
rate-time-2 = Đúng hạn (tính từ ngày trên giấy tiếp nhận)
rate-time-1 = Trễ hạn, có văn bản xin lỗi và hẹn lại
rate-time-0 = Trễ hạn
rate-contacts = Số lần bạn phải liên hệ với cơ quan
rate-contacts-2 = Một lần
rate-contacts-1 = Hai lần
rate-contacts-0 = Ba lần trở lên
rate-offices = Số cơ quan bạn phải đến
rate-offices-2 = Một cơ quan
rate-offices-1 = Hai cơ quan
rate-offices-0 = Ba cơ quan trở lên
rate-attitude = Thái độ của cán bộ
rate-attitude-2 = Lịch sự, nhiệt tình
rate-attitude-1 = Bình thường
rate-attitude-0 = Chưa lịch sự, thiếu nhiệt tình
rate-ease = Mức độ dễ sử dụng của dịch vụ công trực tuyến
rate-overall = Mức độ hài lòng chung
rate-very_satisfied = Rất hài lòng
rate-satisfied = Hài lòng
rate-unsatisfied = Không hài lòng
rate-comment = Ý kiến khác (không bắt buộc)
rate-comment-hint = Tối đa 1000 ký tự.
rate-send = Gửi đánh giá
rate-error-missing = Hãy chọn một câu trả lời
rate-thanks = Cảm ơn bạn đã đánh giá
rate-stored = Đánh giá của bạn đã được ghi nhận:
rate-not-yet = Bạn có thể đánh giá khi hồ sơ đã được giải quyết xong.
