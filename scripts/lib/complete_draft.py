"""Makes complete applications on a running server, for the scripts that send them
(scripts/contract.sh, scripts/fault.sh): a draft of PROCEDURE with every page of its form
answered the way a careful person would (read from the form's own declaration, like
tests/common/submission.rs does), and a file for each mandatory document, recorded straight in
the SQLite database as the upload part records it.

    python complete_draft.py BASE_URL PROCEDURE SQLITE_FILE [COUNT]   # prints one draft id a line

scripts/lib/fault_client.py imports `call`, `sections` and `mandatory_slots` to fill drafts the
same way, with real uploads instead.
"""
import json
import sqlite3
import sys
import urllib.request


def call(method, url, body=None):
    data = None if body is None else json.dumps(body).encode()
    req = urllib.request.Request(url, data=data, method=method, headers={"content-type": "application/json"})
    with urllib.request.urlopen(req, timeout=10) as res:
        return json.load(res)


def answer(field, province):
    kind, rules = field["kind"], field.get("rules", {})
    one = lambda v: [(field["id"], v)]
    if kind == "text":
        return one({"digits": "12345", "reference": "12/2024/QĐ-UBND"}.get(rules.get("pattern"), "Nguyễn Văn An"))
    if kind == "textarea":
        return one("Đề nghị cơ quan xác nhận để làm thủ tục theo quy định.")
    if kind in ("integer", "decimal"):
        return one(str(max(1, int(rules.get("min", 1)))))
    if kind == "date":
        return one("1990-01-15")
    if kind == "checkboxes" and not field.get("required"):
        return []  # an optional box (Zalo notifications) is left unticked, as most people leave it
    if kind in ("select", "radio", "checkboxes"):
        values = [o["value"] for o in field.get("options", [])]
        return one("male" if "male" in values else values[0])
    if kind == "yes_no":
        return one("no")
    if kind == "phone":
        return one("0912345678")
    if kind == "email":
        return one("an.nguyen@example.vn")
    if kind == "citizen_id":
        return one("025190012345" if (field.get("holder") or {}).get("sex") == "female" else "025090012345")
    if kind == "enterprise_code":
        return one("0101234567")
    if kind == "address":
        fid = field["id"]
        return [(f"{fid}.province", province["code"]), (f"{fid}.commune", province["units"][0]["code"]),
                (f"{fid}.street", "Số 1 đường Hùng Vương")]
    raise SystemExit(f"complete_draft: no answer for a {kind} field")


def sections(form, province):
    """Every page of the form answered: (page id, the section's JSON body) in page order."""
    out = []
    for page in form["pages"]:
        fields = {}
        for field in page["fields"]:
            for name, value in answer(field, province):
                fields.setdefault(name, []).append(value)
        out.append((page["id"], {"fields": fields}))
    return out


def mandatory_slots(procedure_json):
    return [i for i, d in enumerate(procedure_json["documents"]) if d["mandatory"]]


def main():
    base, procedure, db_file = sys.argv[1:4]
    count = int(sys.argv[4]) if len(sys.argv) > 4 else 1
    api = f"{base}/portal/v1"
    form = call("GET", f"{api}/procedures/{procedure}/form")
    province = call("GET", f"{api}/province")
    slots = mandatory_slots(call("GET", f"{api}/procedures/{procedure}"))
    pages = sections(form, province)
    db = sqlite3.connect(db_file, timeout=10)
    for _ in range(count):
        draft = call("POST", f"{api}/drafts", {"procedure_code": procedure})["id"]
        for page_id, body in pages:
            call("PUT", f"{api}/drafts/{draft}/sections/{page_id}", body)
        for slot in slots:
            db.execute("INSERT INTO attachments (id, draft_id, slot, file_name, content_type, size_bytes, sha256, "
                       "object_key, created_at) VALUES (?, ?, ?, 'scan.pdf', 'application/pdf', 1, 'x', 'x', 0)",
                       (f"{draft}-{slot}", draft, slot))
        db.commit()
        print(draft, flush=True)


if __name__ == "__main__":
    main()
