import SiteContent
import SiteCore
import SiteMarkdown

/// The facts about the site that Markdown link rewriting needs, from the loaded content.
struct SiteLinkTargets: LinkTargets {
    let publicByID: [DocumentID: Bool]
    let files: Set<String>
    let basePath: String

    init(content: LoadedContent, basePath: String) {
        var publicByID: [DocumentID: Bool] = [:]
        for id in content.undecodable { publicByID[id] = false }
        for document in content.documents { publicByID[document.id] = document.isPublic }
        self.publicByID = publicByID
        self.files = content.files
        self.basePath = basePath
    }

    init(publicByID: [DocumentID: Bool], files: Set<String>, basePath: String) {
        self.publicByID = publicByID
        self.files = files
        self.basePath = basePath
    }

    func document(_ id: DocumentID) -> (exists: Bool, isPublic: Bool) {
        guard let isPublic = publicByID[id] else { return (false, false) }
        return (true, isPublic)
    }

    func fileExists(_ contentPath: String) -> Bool { files.contains(contentPath) }
}
