/// The wording of every problem: one sentence about the editor's file, then a hint with the fix.
/// Keys are quoted as written in the file, values as found.
extension Problem {
    public var message: String {
        switch self {
        case .notUTF8(let byte, _):
            return "file is not valid UTF-8 (byte 0x\(hex(byte)) cannot start or continue a UTF-8 character)"
        case .frontMatterMissing:
            return "document has no front matter: its first line must be '---'"
        case .frontMatterUnterminated:
            return "front matter opened on line 1 is never closed"
        case .yamlSyntax(let problem):
            return "front matter is not valid YAML: \(problem)"
        case .duplicateKey(let key):
            return "key '\(key)' appears more than once"
        case .yamlAlias:
            return "YAML anchors and aliases are not accepted"
        case .unknownKey(let key, _):
            return "unknown key '\(key)'"
        case .keyNotForKind(let key, let kind, _):
            return "key '\(key)' does not apply to kind '\(kind)'"
        case .missingField(let key, let context):
            return "\(context) lacks required key '\(key)'"
        case .emptyValue(let key):
            return "'\(key)' is empty"
        case .wrongType(let key, let expected):
            return "'\(key)' must be \(expected)"
        case .invalidValue(let key, let value, _, _):
            return "'\(key)' has the value '\(value)', which is not allowed"
        case .invalidDate(let key, let value):
            return "'\(key)' is '\(value)', which is not a date"
        case .publishedBeforeWritten(let published, let written):
            return "'published' (\(published)) is before 'written' (\(written))"
        case .unreadableFile:
            return "file cannot be read"
        case .symlinkRefused(let target):
            return "symbolic link to '\(target)' is not followed"
        case .attachmentMissing(let file):
            return "attachment '\(file)' does not exist"
        case .pathOutsideContent(let path):
            return "'\(path)' points outside the Content folder"
        case .disclosureMissing:
            return "document lacks 'disclosure' (公开属性); there is no default"
        case .disclosureReasonMissing(let disclosure):
            return "a \(disclosure) document must give 'disclosure_reason'"
        case .linkToNonPublic(let target, let disclosure):
            return "public document links to '\(target)', which is \(disclosure)"
        case .documentNumberFormat(let value, _):
            return "'document_number' is '\(value)', which is not of the form 机关代字〔YYYY〕N号"
        case .documentNumberDuplicate(let value):
            return "文号 '\(value)' is used by another document"
        case .documentNumberYear(let value, let writtenYear):
            return "文号 '\(value)' is not of \(writtenYear), the year of 'written'"
        case .indexNumberFormat(let value, let prefix):
            return "'index_number' is '\(value)', which is not of the form \(prefix)/YYYY-NNNNN"
        case .indexNumberPrefix(let value, let prefix):
            return "'index_number' '\(value)' does not start with the issuer's organisation code '\(prefix)'"
        case .indexNumberDuplicate(let value):
            return "索引号 '\(value)' is used by another document"
        case .indexNumberYear(let value):
            return "索引号 '\(value)' has a year that is neither that of 'published' nor that of 'written'"
        case .indexNumberChanged(let recorded, let current):
            return "'index_number' is '\(current)', but this document was given '\(recorded)'"
        case .indexNumberReused(let value, let owner):
            return "索引号 '\(value)' belongs to '\(owner)' in the ledger"
        case .indexNumberUnrecorded(let value):
            return "索引号 '\(value)' is not recorded in index-numbers.lock"
        case .ledgerLine(let text):
            return "line '\(text)' is not '<索引号> <document id>'"
        case .unknownSection(let id, _):
            return "catalog section '\(id)' is not defined in catalog.yaml"
        case .configFileMissing(let name):
            return "the site has no \(name)"
        case .duplicateID(let what, let id):
            return "\(what) id '\(id)' is defined twice"
        case .organisationCodeCheck(let code, _):
            return "organisation code '\(code)' has a wrong check character"
        case .organisationCodeFormat(let code):
            return "organisation code '\(code)' is neither a 9-character 组织机构代码 nor an 18-character 统一社会信用代码"
        case .baseURL(let value, let reason):
            return "base URL '\(value)' \(reason)"
        case .danglingLink(let target, _):
            return "link to '\(target)', which does not exist"
        case .danglingFragment(let target, let fragment, _):
            return "link to '\(target)': the document has no heading '#\(fragment)'"
        case .unknownAgency(let id, _):
            return "agency '\(id)' is not defined in agencies.yaml"
        case .interpretsMissing(let target, _):
            return "'interprets' names '\(target)', which does not exist"
        case .interpretsNotPolicy(let target, let kind):
            return "'interprets' names '\(target)', which is not a policy (it is a \(kind))"
        case .interpretsNonPublic(let target):
            return "'interprets' names '\(target)', which is not 主动公开"
        case .supersededByMissing(let target, _):
            return "'superseded_by' names '\(target)', which does not exist"
        case .supersededByNonPublic(let target):
            return "'superseded_by' names '\(target)', which is not 主动公开"
        case .supersessionCycle(let chain):
            return "'superseded_by' forms a cycle: \(chain.joined(separator: " → "))"
        case .supersededButInForce(let target):
            return "'superseded_by' names '\(target)', but 'validity' is 现行有效"
        case .decisionItemMissing(let item, let target, _):
            return "item '\(item)' names '\(target)', which does not exist"
        case .decisionItemNonPublic(let item, let target):
            return "item '\(item)' names '\(target)', which is not 主动公开"
        case .emptySection(let id, let title):
            return "catalog section '\(id)' (\(title)) has no public document"
        case .normativeWithoutNumber:
            return "行政规范性文件 (normative: true) lacks 'document_number'"
        case .validityMissing:
            return "policy lacks 'validity' (有效性)"
        case .rawHTMLDropped:
            return "raw HTML is dropped from the page"
        case .outputCollision(let path):
            return "two sources would be written to '\(path)'"
        case .reservedSectionID(let id):
            return "catalog section id '\(id)' is taken by the generated page /xxgk/\(id)/"
        case .templateSyntax(let message):
            return "template cannot be parsed: \(message)"
        case .templateMissing(let name):
            return "template '\(name).mustache' is missing"
        case .partialMissing(let name):
            return "partial '\(name)' is missing"
        }
    }

    /// The fix, when one is known.
    public var hint: String? {
        switch self {
        case .notUTF8(_, let gbkLikely):
            return gbkLikely
                ? "the file looks like GBK/GB18030 (common from Windows editors); convert it to UTF-8, e.g. iconv -f GB18030 -t UTF-8"
                : "save the file as UTF-8; if it came from a Windows editor it may be GBK: iconv -f GB18030 -t UTF-8"
        case .frontMatterMissing:
            return "start the file with '---', the YAML keys (title, kind, disclosure, …), and another '---'"
        case .frontMatterUnterminated:
            return "end the front matter with a line '---' before the body"
        case .yamlSyntax(let problem):
            if problem.contains("tab") || problem.contains("cannot start any token") {
                return "YAML does not allow tabs for indentation, and a value starting with a special character (@, `, %, …) must be quoted"
            }
            if problem.contains("mapping values are not allowed") {
                return "a value containing ': ' must be quoted, e.g. title: \"…: …\""
            }
            return "check the indentation and quote values that contain ':' or '#'"
        case .duplicateKey:
            return "keep one of them"
        case .yamlAlias:
            return "write the value out in full instead of using '&' and '*'"
        case .unknownKey(_, let suggestion):
            return suggestion.map { "did you mean '\($0)'?" } ?? "see docs/content-format.md for the keys of each kind"
        case .keyNotForKind(_, _, let kinds):
            return "it applies to kind \(kinds.map { "'\($0)'" }.joined(separator: ", "))"
        case .missingField(let key, _):
            if key == "index_number" { return "run 'site lock' to give it the next free 索引号" }
            return "add '\(key): …'"
        case .emptyValue(let key):
            return "give '\(key)' a value, or remove the key"
        case .wrongType:
            return nil
        case .invalidValue(_, _, let allowed, let suggestion):
            if let suggestion { return "did you mean '\(suggestion)'?" }
            return allowed.isEmpty ? nil : "use one of: \(allowed.joined(separator: ", "))"
        case .invalidDate:
            return "write dates as YYYY-MM-DD, e.g. 2021-05-19"
        case .publishedBeforeWritten:
            return "a document is published on or after the day it is written"
        case .unreadableFile:
            return "check the file's permissions"
        case .symlinkRefused:
            return "copy the file into the Content folder instead of linking to it"
        case .attachmentMissing:
            return "put the file next to the document, or correct 'file'"
        case .pathOutsideContent:
            return "documents may only refer to files inside the Content folder"
        case .disclosureMissing:
            return "add 'disclosure: 主动公开' (or 依申请公开 / 不予公开 with 'disclosure_reason')"
        case .disclosureReasonMissing:
            return "add 'disclosure_reason:' with the legal basis, e.g. 《中华人民共和国政府信息公开条例》第十六条"
        case .linkToNonPublic:
            return "remove the link: only 主动公开 documents are published"
        case .documentNumberFormat(_, let fix):
            if let fix { return "did you mean '\(fix)'?" }
            return "write the year in full inside 六角括号 〔〕 and the serial without '第' or leading zeros, e.g. 宁政办发〔2021〕6号"
        case .documentNumberDuplicate, .indexNumberDuplicate:
            return "each document has its own number; correct one of them"
        case .documentNumberYear:
            return "check the year in the 文号 and 'written'"
        case .indexNumberFormat(_, let prefix):
            return "a 索引号 is the organisation code, '/', the year and a 5-digit serial, e.g. \(prefix)/2021-00001; once published it never changes"
        case .indexNumberPrefix(_, let prefix):
            return "use '\(prefix)/YYYY-NNNNN', or set 'org_code' of the issuer in agencies.yaml"
        case .indexNumberYear:
            return "a 索引号 takes the year of publication; never change a published one"
        case .indexNumberChanged(let recorded, _):
            return "a published 索引号 never changes: restore '\(recorded)'"
        case .indexNumberReused(_, let owner):
            return "serials are never reused, even after deletion; if '\(owner)' was moved here, change its id in index-numbers.lock, else run 'site lock' for a new 索引号"
        case .indexNumberUnrecorded:
            return "run 'site lock' to record it, and commit index-numbers.lock"
        case .ledgerLine:
            return "never edit the ledger by hand except to change a moved document's id"
        case .unknownSection(_, let suggestion):
            return suggestion.map { "did you mean '\($0)'?" } ?? "add the section to catalog.yaml or correct the id"
        case .configFileMissing(let name):
            return "create \(name); see docs/content-format.md"
        case .duplicateID:
            return "give each one its own id"
        case .organisationCodeCheck(_, let expected):
            return "the check character would be '\(expected)'; copy the code again from the registration certificate"
        case .organisationCodeFormat:
            return "copy the code from the registration certificate, without the hyphen"
        case .baseURL:
            return "use the portal's address with a host name, e.g. https://www.example.gov.cn/ (no IP address)"
        case .danglingLink(_, let suggestion):
            return suggestion.map { "did you mean '\($0)'?" } ?? "link to an existing .md file, relative to this document"
        case .danglingFragment(_, _, let suggestion):
            return suggestion.map { "did you mean '#\($0)'?" } ?? "a fragment names a heading of the target: its text without punctuation, spaces as '-'"
        case .unknownAgency(_, let suggestion):
            return suggestion.map { "did you mean '\($0)'?" } ?? "add the unit to agencies.yaml"
        case .interpretsMissing(_, let suggestion), .supersededByMissing(_, let suggestion):
            return suggestion.map { "did you mean '\($0)'?" } ?? "give the document id: its path under Content/ without '.md'"
        case .interpretsNotPolicy:
            return "an interpretation explains a document of kind 'policy'"
        case .interpretsNonPublic, .supersededByNonPublic:
            return "only 主动公开 documents can be referred to from a public page"
        case .supersessionCycle:
            return "a document is replaced by a newer one; remove 'superseded_by' from the newest"
        case .supersededButInForce:
            return "set 'validity' to 已废止 or 已修改, or remove 'superseded_by'"
        case .decisionItemMissing(_, _, let suggestion):
            return suggestion.map { "did you mean '\($0)'?" } ?? "give the id of a document (its path under Content/ without '.md') or an https:// address"
        case .decisionItemNonPublic:
            return "only 主动公开 documents can be linked from the directory"
        case .emptySection:
            return "empty sections (空白栏目) fail the national website inspection: publish a document in it, remove it, or give 'empty_reason' to show instead"
        case .normativeWithoutNumber:
            return "行政规范性文件 are registered and numbered; add 'document_number'"
        case .validityMissing:
            return "add 'validity: 现行有效' (or 已修改, 已废止, 已失效)"
        case .rawHTMLDropped:
            return "write it in Markdown, or set 'allow_raw_html: true' in site.yaml"
        case .outputCollision:
            return "rename one of the files"
        case .reservedSectionID:
            return "choose another id; 'years', 'topics', 'normative' and 'decisions' are taken"
        case .templateSyntax:
            return nil
        case .templateMissing:
            return "copy it from the default theme in Templates/"
        case .partialMissing:
            return "add the partial to Templates/partials/ or correct its name"
        }
    }

    private func hex(_ byte: UInt8) -> String {
        let digits = Array("0123456789ABCDEF")
        return String([digits[Int(byte >> 4)], digits[Int(byte & 0xF)]])
    }
}
