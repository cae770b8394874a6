//! Seed-rule cases too large or too dynamic for fixture files.

use appxlint::lint::{self, Policy};

fn manifest_with_classes(n: usize) -> String {
    let mut classes = String::with_capacity(n * 64);
    for i in 0..n {
        classes.push_str(&format!("<uap5:ActivatableClass ActivatableClassId=\"Contoso.C{i}\"/>\n"));
    }
    format!(
        r#"<Package xmlns="http://schemas.microsoft.com/appx/manifest/foundation/windows10" xmlns:uap5="http://schemas.microsoft.com/appx/manifest/uap/windows10/5">
<Identity Name="Contoso.App" Publisher="CN=Contoso" Version="1.0.0.0"/>
<Applications><Application Id="App" Executable="App.exe" EntryPoint="App.App"><Extensions>
<uap5:Extension Category="windows.activatableClass.outOfProcessServer">
<uap5:OutOfProcessServer ServerName="Server">
<uap5:Path>Server.exe</uap5:Path>
<uap5:Instancing>singleInstance</uap5:Instancing>
{classes}</uap5:OutOfProcessServer></uap5:Extension></Extensions></Application></Applications>
</Package>"#
    )
}

#[test]
fn more_than_65535_classes_are_reported_at_the_first_one_too_many() {
    let report = lint::run_bytes(
        vec![("big.xml".into(), manifest_with_classes(65536).into_bytes())],
        Policy::only(&["oop-server-class-count"]),
    );
    let found: Vec<_> = report.active().collect();
    assert_eq!(found.len(), 1, "{found:?}");
    let d = found[0].1;
    assert_eq!(d.rule.name, "oop-server-class-count");
    // Line 8 holds the first class; the 65536th is on line 8 + 65535.
    assert_eq!(d.location.unwrap().start.line, 8 + 65535);
    assert!(d.message.contains("more than 65535"));

    let report = lint::run_bytes(
        vec![("max.xml".into(), manifest_with_classes(65535).into_bytes())],
        Policy::only(&["oop-server-class-count"]),
    );
    assert_eq!(report.active().count(), 0);
}
