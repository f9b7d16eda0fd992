/// 解读形式: the closed vocabulary of DISCLOSURE.md §3.1. Editors write the Chinese name; the
/// synonyms that seeds and portals use are accepted and counted as the same form.
public enum InterpretationForm: String, Sendable, CaseIterable, Comparable, Codable {
    case text, graphic, audio, video, animation, qa, pressConference, expertInterview
    case onlineInterview, briefing, liveStream, onSite, hotline

    /// The name pages print.
    public var chinese: String {
        switch self {
        case .text: "文字"
        case .graphic: "图解"
        case .audio: "音频"
        case .video: "视频"
        case .animation: "动漫"
        case .qa: "简明问答"
        case .pressConference: "新闻发布会"
        case .expertInterview: "专家访谈"
        case .onlineInterview: "在线访谈"
        case .briefing: "政策吹风会"
        case .liveStream: "互动直播"
        case .onSite: "现场宣讲"
        case .hotline: "政风行风热线"
        }
    }

    /// Every spelling accepted in `forms`.
    public var spellings: [String] {
        switch self {
        case .text: ["文字", "文字解读"]
        case .graphic: ["图解", "图片", "图文解析", "图表图解", "一图读懂"]
        case .audio: ["音频"]
        case .video: ["视频", "短视频"]
        case .animation: ["动漫", "卡通动漫", "动画"]
        case .qa: ["简明问答", "问答"]
        case .pressConference: ["新闻发布会", "发布会"]
        case .expertInterview: ["专家访谈", "专家解读"]
        case .onlineInterview: ["在线访谈"]
        case .briefing: ["政策吹风会", "吹风会"]
        case .liveStream: ["互动直播", "直播"]
        case .onSite: ["现场宣讲"]
        case .hotline: ["政风行风热线"]
        }
    }

    public init?(spelling: String) {
        guard let form = InterpretationForm.allCases.first(where: { $0.spellings.contains(spelling) }) else { return nil }
        self = form
    }

    public static var allSpellings: [String] { allCases.flatMap(\.spellings) }

    public static func < (a: InterpretationForm, b: InterpretationForm) -> Bool {
        allCases.firstIndex(of: a)! < allCases.firstIndex(of: b)!
    }
}
