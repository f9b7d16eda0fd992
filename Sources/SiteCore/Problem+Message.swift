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
        case .changedDuringBuild:
            return "file changed while the build was reading it"
        case .symlinkRefused(let target):
            return "symbolic link to '\(target)' is not followed"
        case .attachmentMissing(let file):
            return "attachment '\(file)' does not exist"
        case .nameNormalization(let other):
            return "this file's name and '\(other)' differ only in how their characters are composed (Unicode NFC and NFD): they would be one page"
        case .linkToSourceFile(let path):
            return "links to '\(path)', a file site reads to build the portal; it is never published"
        case .linkToLocalFile(let destination):
            return "link to '\(destination)', a file on a computer, not on the portal"
        case .unsafeLink(let destination):
            return "link to '\(Problem.shortened(destination))' would run a script or embed data, and is not published"
        case .pathOutsideContent(let path):
            return "'\(path)' points outside the Content folder"
        case .disclosureMissing:
            return "document lacks 'disclosure' (公开属性); there is no default"
        case .disclosureReasonMissing(let disclosure):
            return "a \(disclosure) document must give 'disclosure_reason'"
        case .disclosureReasonBasis(let reason):
            return "'disclosure_reason' is '\(reason)', which names no legal basis"
        case .interpretationMissing:
            return "行政规范性文件 has no interpretation (政策文件不解读不运转)"
        case .interpretationForms(let found, let minimum):
            return "its interpretations use \(found.count) form\(found.count == 1 ? "" : "s") (\(found.joined(separator: "、"))), fewer than \(minimum)"
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
        case .ruleUnknown(let code, _):
            return "'rules' names '\(code)', which is no rule"
        case .ruleNotConfigurable(let code):
            return "rule '\(code)' cannot be changed: the build cannot use such input, or it guards against a leak"
        case .ruleReasonMissing(let code):
            return "the setting of rule '\(code)' gives no reason"
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
        case .reportUnknownCell(let path, _):
            return "the report's format has no '\(path)'"
        case .reportCellMissing(let table, let row, let column):
            return "\(table) / \(row) / \(column) is empty; the form requires every cell, 0 included"
        case .reportCellType(let table, let row, let column, let value, let expected):
            return "\(table) / \(row) / \(column) is '\(value)', which is not \(expected)"
        case .reportT3Balance(let column, let newReceived, let carriedOver, let processed, let carryForward):
            return "三、收到和处理政府信息公开申请情况 / \(column): 新收 \(newReceived) + 上年结转 \(carriedOver) = \(newReceived + carriedOver), "
                + "but 办理结果总计 \(processed) + 结转下年度 \(carryForward) = \(processed + carryForward)"
        case .reportT3OutcomeSum(let column, let total, let sum):
            return "三、收到和处理政府信息公开申请情况 / \(column): （七）总计 is \(total), but the outcomes （一）to（六） add up to \(sum)"
        case .reportT3RowTotal(let row, let total, let labels, let values):
            return "三、收到和处理政府信息公开申请情况 / \(row): 总计 is \(total), but "
                + zip(labels, values).map { "\($0) \($1)" }.joined(separator: " + ") + " = \(values.reduce(0, +))"
        case .reportT4Total(_, let group, let total, let labels, let values):
            return "四、政府信息公开行政复议、行政诉讼情况 / \(group): 总计 is \(total), but "
                + zip(labels, values).map { "\($0) \($1)" }.joined(separator: " + ") + " = \(values.reduce(0, +))"
        case .reportCrossYear(let column, let carriedOver, let previousYear, let previousCarryForward):
            return "三、收到和处理政府信息公开申请情况 / \(column): 上年结转 is \(carriedOver), but the \(previousYear) report carried \(previousCarryForward) forward"
        case .reportCatalogMatch(let column, let reported, let catalog):
            return "第二十条第（一）项 / 行政规范性文件 / \(column) is \(reported), but the site's catalog holds \(catalog)"
        case .reportCountyRules(let issued):
            return "第二十条第（一）项 / 规章 / 本年制发件数 is \(issued), but a county-level organ cannot make 规章"
        case .catalogUnlisted:
            return "public document is in no catalog section, so the 主动公开目录 does not lead to it"
        case .heldDraft:
            return "draft: checked, not published"
        case .reviewMissing:
            return "public document has no review records ('review': 保密审查 and 初审、复审、终审)"
        case .reviewConfidentiality(let detail):
            return "保密审查: \(detail)"
        case .reviewStages(let detail):
            return "三审: \(detail)"
        case .reviewLeak(let reviewer, let file):
            return "reviewer '\(reviewer)' appears in \(file): review records are internal and never published"
        case .heldScheduled(let date):
            return "scheduled: 发布日期 \(date) is after the build's date, so it is published by the first build on or after that day"
        case .heldTarget(let reference, let target, let hold):
            return "\(reference) names '\(target)', which \(hold): it is not published yet"
        case .emptyReasonUnused(let id):
            return "section '\(id)' gives an empty_reason but lists public documents, so its page never shows it"
        case .reportTablesIgnored(let year):
            return "a \(year) report has no national table format (it began with the 2019 reports): its 'tables' are not read or shown"
        case .interpretationUnlinked:
            return "interpretation names no policy ('interprets'), so neither page links the other"
        case .placeholderText(let text):
            return "'\(text)' is still here: site new wrote it for you to replace"
        case .reportStockFlow(let inForce, let previousYear, let previousInForce, let issued, let abolished):
            return "第二十条第（一）项 / 行政规范性文件 / 现行有效件数 is \(inForce), but the \(previousYear) report's \(previousInForce) + 本年制发 \(issued) − 本年废止 \(abolished) = \(previousInForce + issued - abolished)"
        case .reportDeadline(let year, let deadline, let published):
            return "the \(year) report was published on \(published), after its deadline \(deadline)"
        case .reportPlanLink(let year, let plan):
            return "the \(year) report does not link the \(year) work plan 《\(plan)》"
        case .reportSectionMissing(let heading):
            return "the report has no section '\(heading)'"
        case .planDeadlineFormat(let value):
            return "'due' is '\(value)', which is not a deadline this tool can read"
        case .planDeadlineVague(let value):
            return "'due' is '\(value)', which names no date"
        case .planDeadlineRange(let value, let year):
            return "'due' is '\(value)', outside the plan's year \(year)"
        case .planOverdue(let task, let due):
            return "task \(task) was due \(due) and is not 已完成"
        case .planDoneEvidence(let task):
            return "task \(task) is 已完成 but names no document that shows it"
        case .evidenceMissing(let target, _):
            return "'evidence' names '\(target)', which does not exist"
        case .evidenceNonPublic(let target):
            return "'evidence' names '\(target)', which is not 主动公开"
        case .rawHTMLDropped:
            return "raw HTML is dropped from the page"
        case .privacyResidentID(let masked, let confident, let field):
            return confident ? "resident ID number \(masked) in \(field)" : "what looks like a resident ID number \(masked) (wrong check character) in \(field)"
        case .privacyResidentID15(let masked, let field):
            return "legacy 15-digit resident ID number \(masked) in \(field)"
        case .privacyMobile(let masked, let field):
            return "mobile number \(masked) in \(field)"
        case .privacyBankCard(let masked, let confident, let field):
            return confident ? "bank card number \(masked) in \(field)" : "what may be a bank card number \(masked) in \(field)"
        case .privacyAllowed(let kind, let masked, let exception, let fullResidentID):
            return "\(kind) \(masked) published under the document's \(exception) exception" + (fullResidentID ? "; 公示 usually masks the middle digits" : "")
        case .privacyExceptionBasis:
            return "'privacy' names an exception but no 'basis'"
        case .privacyAttachmentUnscanned(let file):
            return "attachment '\(file)' is not plain text: it was not scanned for personal data"
        case .privacyExceptionExpired(let until):
            return "the 公示 period of this document ended on \(until), but the document is still published"
        case .changeLate(let changed, let published, let due, let provisional):
            return "change published \(published), later than 20 working days after it was made on \(changed) (due \(due)\(provisional ? ", provisional" : ""))"
        case .proactiveLate(let written, let published, let due, let provisional):
            return "published \(published), later than 20 working days after 成文日期 \(written) (due \(due)\(provisional ? ", provisional" : ""))"
        case .interpretationLate(let policyPublished, let published, let due, let provisional):
            return "interpretation published \(published), later than 3 working days after its policy (published \(policyPublished), due \(due)\(provisional ? ", provisional" : ""))"
        case .adoptionLate(let resultPublished, let published, let due, let provisional):
            guard let published else {
                return "意见采纳情况 is not published, and 10 working days after the decision (published \(resultPublished)) ended \(due)\(provisional ? " (provisional)" : "")"
            }
            return "意见采纳情况 published \(published), later than 10 working days after the decision (published \(resultPublished), due \(due)\(provisional ? ", provisional" : ""))"
        case .calendarNoNotice(let year):
            return "holiday year \(year) added in site.yaml names no notice"
        case .calendarUpdate(let year):
            return "the holiday calendar has no arrangement for \(year) yet"
        case .calendarMissing(let years, let limits):
            let list = years.map(String.init).joined(separator: ", ")
            if limits == 1 {
                return "this time limit counts days the holiday calendar does not cover (\(list)): only weekends count as rest days there, so its result is provisional"
            }
            return "\(limits) time limits count days the holiday calendar does not cover (\(list)), this one first: only weekends count as rest days there, so their results are provisional"
        case .brokenLink(let target, let fragment):
            if let fragment { return "link to '\(target)#\(fragment)': the page has no element with id '\(fragment)'" }
            return "link to '\(target)' finds no file in the site"
        case .ipLiteral(let url):
            return "'\(url)' names its host by an IP address"
        case .thirdPartySubresource(let tag, let url):
            return "<\(tag)> loads '\(url)' from another host"
        case .thirdPartyInCSS(let rule, let url):
            return "CSS \(rule) loads '\(url)' from another host"
        case .pageLanguage(let expected):
            return "page lacks <html lang=\"\(expected)\">"
        case .pageTitleMissing:
            return "page has no <title>"
        case .pageH1Count(let count):
            return "page has \(count) <h1> elements instead of one"
        case .headingSkip(let from, let to):
            return "page skips from <h\(from)> to <h\(to)>"
        case .imageWithoutAlt(let src):
            return "<img src=\"\(src)\"> has no alt text"
        case .imageAltEmpty(let src):
            return "image '\(src)' has no description: it gets alt=\"\", and screen readers skip it"
        case .tableWithoutHeaders(let detail):
            return "data table \(detail)"
        case .footerMarkMissing(let mark):
            return "page lacks the footer mark '\(mark)'"
        case .outputCollision(let path):
            return "two sources would be written to '\(path)'"
        case .reservedSectionID(let id):
            return "catalog section id '\(id)' is taken by the generated page /xxgk/\(id)/"
        case .templateSyntax(let message):
            return "template cannot be parsed: \(message)"
        case .templateMissing(let name):
            return "template '\(name).mustache' is missing"
        case .templateUnknownName(let name, _):
            return "'\(name)' is not a name any page gives templates: it renders as nothing"
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
            if key == "index_number" { return "run 'site lock': it restores the 索引号 the ledger records for this document, or gives it the next free one" }
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
        case .changedDuringBuild:
            return "build again once the file is saved"
        case .symlinkRefused:
            return "only links to a file inside the same folder are followed: copy the file or folder there instead"
        case .attachmentMissing:
            return "put the file next to the document, or correct 'file'"
        case .nameNormalization:
            return "rename or delete one of them (a copy from a Mac often has NFD names; most editors write NFC)"
        case .linkToSourceFile:
            return "configuration files and the 索引号 ledger (which names withheld documents too) stay out of Public/: link to a page or an attachment instead"
        case .pathOutsideContent:
            return "documents may only refer to files inside the Content folder"
        case .linkToLocalFile:
            return "copy the file next to the document and link to it by name, e.g. [附件1](附件1.pdf)"
        case .unsafeLink:
            return "link to a page or a file of the portal, or to an https:// address"
        case .disclosureMissing:
            return "add 'disclosure: 主动公开' (or 依申请公开 / 不予公开 with 'disclosure_reason')"
        case .disclosureReasonMissing:
            return "add 'disclosure_reason:' with the legal basis, e.g. 《中华人民共和国政府信息公开条例》第十六条"
        case .disclosureReasonBasis:
            return "name the article, e.g. 《中华人民共和国政府信息公开条例》第十六条第一款（内部事务信息）"
        case .interpretationMissing:
            return "publish an interpretation with 'interprets:' naming this document"
        case .interpretationForms(_, let minimum):
            return "seed 004 asks for at least \(minimum) forms (文字, 图解, 简明问答, 视频, 新闻发布会 …) across the interpretations"
        case .linkToNonPublic:
            return "remove the link: only 主动公开 documents are published"
        case .documentNumberFormat(_, let fix):
            if let fix { return "did you mean '\(fix)'?" }
            return "write the year in full inside 六角括号 〔〕 and the serial without '第' or leading zeros, e.g. 宁政办发〔2021〕6号"
        case .documentNumberDuplicate:
            return "each document has its own number; correct one of them"
        case .indexNumberDuplicate:
            return "a 索引号 belongs to one document forever: remove this document's 'index_number' line and run 'site lock' for the next free one"
        case .documentNumberYear:
            return "check the year in the 文号 and 'written'"
        case .indexNumberFormat(_, let prefix):
            return "a 索引号 is the organisation code, '/', the year and a 5-digit serial, e.g. \(prefix)/2021-00001 (a new document: remove the line and run 'site lock'); once published it never changes"
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
        case .ruleUnknown(_, let suggestion):
            return suggestion.map { "did you mean '\($0)'?" } ?? "docs/rules.md lists every rule"
        case .ruleNotConfigurable:
            return "fix the content instead"
        case .ruleReasonMissing:
            return "add 'reason:' with why this site departs from the default; every report prints it"
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
        case .reportUnknownCell(_, let suggestion):
            return suggestion.map { "did you mean '\($0)'?" } ?? "the ids are those of annual-report-format.yaml; see docs/content-format.md"
        case .reportCellMissing:
            return "write 0 for none"
        case .reportCellType:
            return "write the figure alone, e.g. 12 (amounts in 万元 may have decimals)"
        case .reportT3Balance:
            return "applications received plus those carried over must equal those answered plus those carried forward"
        case .reportT3OutcomeSum:
            return "each application is counted under exactly one outcome; （七）总计 is their sum"
        case .reportT3RowTotal, .reportT4Total:
            return "a 总计 cell is the sum of the cells it totals"
        case .reportCrossYear:
            return "what one year carries forward the next year carries over; check both reports"
        case .reportCatalogMatch:
            return "either the report or the catalog is wrong; the catalog counts 行政规范性文件 by 成文日期 and 有效性"
        case .emptyReasonUnused:
            return "remove 'empty_reason': the section is no longer empty"
        case .reviewMissing:
            return "add 'review: {confidentiality: {by, on}, stages: [{stage: 初审, by, on}, {stage: 复审, by, on}, {stage: 终审, by, on}]}' (先审后发, 三审三校)"
        case .reviewConfidentiality:
            return "保密审查 comes before publication (条例 第十七条): 'confidentiality: {by: <staff id>, on: <date on or before published>}'"
        case .reviewStages:
            return "three different reviewers sign 初审, 复审 and 终审, in that order, each on or before 'published'"
        case .reviewLeak:
            return "use staff ids that cannot occur in the text (e.g. ny-bgs-03), or take the name out of the page or template"
        case .heldDraft:
            return "remove 'draft: true' to publish it; 'site build --drafts' previews it into Preview/"
        case .heldScheduled:
            return "a scheduled build (e.g. a daily CI job) publishes it on the day"
        case .heldTarget:
            return "publish both together: hold this document back too (draft: true, or the same 'published'), or remove the reference"
        case .reportTablesIgnored:
            return "write the figures in the text of the report, as it was published"
        case .catalogUnlisted:
            return "add 'catalog: [<section id>]' (see catalog.yaml); inspectors check that every public document can be found through the catalog"
        case .interpretationUnlinked:
            return "add 'interprets: policies/<id>' naming the policy it explains (政策解读与被解读文件应关联); for a policy not on this site, link it in the body and set this rule off with a reason"
        case .placeholderText:
            return "write the real title or text before publishing"
        case .reportStockFlow:
            return "documents in force at the end of the year are last year's plus those issued minus those repealed or expired (count 失效 as 废止)"
        case .reportCountyRules:
            return "规章 are made by provincial and city governments and State Council departments (立法法)"
        case .reportDeadline:
            return "条例 第四十九条: departments publish by 1月31日, the county government's report by 3月31日"
        case .reportPlanLink:
            return "report how the year's 工作要点 was carried out, and link it, in 六、其他需要报告的事项"
        case .reportSectionMissing(let heading):
            return "add a heading '## \(heading)' with its text; the six sections are fixed by the national format"
        case .planDeadlineFormat:
            return "write 2023-12-31, 2023年12月31日前, 2023年12月底前, 年底前, 6月底前 or 长期坚持"
        case .planDeadlineVague:
            return "give the month, e.g. 2023年6月底前"
        case .planDeadlineRange:
            return "check the year of the deadline"
        case .planOverdue:
            return "update the task's 'status', or publish what shows it done and name it in 'evidence'"
        case .evidenceMissing(_, let suggestion):
            return suggestion.map { "did you mean '\($0)'?" } ?? "give the id of a document: its path under Content/ without '.md'"
        case .evidenceNonPublic:
            return "only 主动公开 documents can show a public plan's progress"
        case .planDoneEvidence:
            return "name the document that shows the task done in 'evidence'"
        case .rawHTMLDropped:
            return "write it in Markdown, or set 'allow_raw_html: true' in site.yaml"
        case .privacyResidentID, .privacyResidentID15, .privacyMobile, .privacyBankCard:
            return "de-identify personal data before publishing (mask it), or declare the lawful basis under 'privacy:' (DISCLOSURE.md §5.3)"
        case .privacyAllowed:
            return "check that publishing it is still required"
        case .privacyExceptionBasis:
            return "add 'basis:' naming the law, regulation or notice that requires the publication"
        case .privacyAttachmentUnscanned:
            return "check it by hand before publishing, or publish a text version (.txt, .csv, .md, .html) beside it"
        case .privacyExceptionExpired:
            return "withdraw the document or de-identify it"
        case .proactiveLate, .changeLate:
            return "条例 第二十六条: proactive information is published within 20 working days of being made or changed"
        case .interpretationLate:
            return "seeds 001 and 002: an interpretation follows its policy within 3 working days (三同步)"
        case .adoptionLate:
            return "seed 004: publish how opinions were collected and adopted within 10 working days of the decision"
        case .calendarMissing, .calendarUpdate:
            return "add that year's 国务院办公厅关于部分节假日安排的通知 under 'holidays:' in site.yaml, in the schema of docs/data/holidays-cn.yaml (docs/rules.md)"
        case .calendarNoNotice:
            return "add 'notice: {number: 国办发明电〔…〕…号}' so the dates can be checked against it"
        case .brokenLink:
            return "broken links (错链) are a deduction item of the national inspection; check the template or the document that makes it"
        case .ipLiteral:
            return "use a host name: an IPv4 address is unreachable over IPv6 (天窗), and addresses change"
        case .thirdPartySubresource, .thirdPartyInCSS:
            return "copy the file into Templates/assets/: pages must load nothing from other hosts"
        case .pageLanguage:
            return "screen readers choose their voice by it (GB/T 37668, WCAG 3.1.1): check the base template's <html> tag"
        case .pageTitleMissing:
            return "every page needs a title that says what it is (WCAG 2.4.2): check the template's <title>"
        case .pageH1Count:
            return "a page has one main heading (GB/T 37668): check the template, or a body that starts with '# '"
        case .headingSkip:
            return "headings go down one level at a time (WCAG 1.3.1): in a body, use ## under the title, then ###"
        case .imageWithoutAlt:
            return "describe the image in its alt text (![描述](图.png)), or give alt=\"\" if it is decoration"
        case .imageAltEmpty:
            return "say in the brackets what the image shows, e.g. ![流程图：申请、受理、办结](图.png) (WCAG 1.1.1); give a chart's figures in the text or a table as well"
        case .tableWithoutHeaders:
            return "screen readers need <th> header cells and a <caption> to read a table"
        case .footerMarkMissing:
            return "the theme's footer must show 网站标识码, ICP备案号 and 公安机关备案号 on every page"
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
        case .templateUnknownName(_, let suggestion):
            if let suggestion { return "did you mean '\(suggestion)'? The names are listed in docs/templates.md" }
            return "the names templates can use are listed in docs/templates.md"
        }
    }

    private func hex(_ byte: UInt8) -> String {
        let digits = Array("0123456789ABCDEF")
        return String([digits[Int(byte >> 4)], digits[Int(byte & 0xF)]])
    }
}

extension Problem {
    /// A value cut to 60 characters for a message (a `data:` address can be megabytes long).
    static func shortened(_ text: String) -> String {
        text.count <= 60 ? text : text.prefix(60) + "…"
    }
}
