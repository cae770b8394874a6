//! The capability catalog: every capability name appxlint knows, the namespace its
//! element must be in, whether it is restricted (a Store submission must justify it), and
//! what it grants. Shared by the capability rules and the analyzer.
//!
//! Sources: the schema enumerations of the general capabilities (`ST_Capability_*` in the
//! manifest schemas of microsoft/msix-packaging) and the capability declarations page,
//! <https://learn.microsoft.com/windows/uwp/packaging/app-capability-declarations>, whose
//! list of restricted capabilities the schema does not enumerate (`rescap:Capability`
//! takes any camel-case name).

use super::NsId;

/// The element that declares a capability (not how restricted it is: see
/// [`CapInfo::restricted`]).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum CapKind {
    /// `Capability` of the foundation, uap*, mobile or iot namespaces.
    General,
    /// `rescap:Capability`.
    Restricted,
    /// `DeviceCapability`.
    Device,
}

#[derive(Debug)]
pub struct CapInfo {
    pub name: &'static str,
    pub kind: CapKind,
    /// The namespace of the element that declares it (`FOUNDATION` for
    /// `DeviceCapability`).
    pub ns: NsId,
    /// Restricted, as the capability declarations page classes it: a Store submission must
    /// justify it. Every `rescap:Capability`, and three capabilities that are declared in
    /// the uap namespace (`documentsLibrary`, `enterpriseAuthentication`,
    /// `sharedUserCertificates`).
    pub restricted: bool,
    pub description: &'static str,
}

macro_rules! caps {
    ($( $kind:ident $ns:ident $restricted:literal $name:literal : $desc:literal; )*) => {
        /// Every capability appxlint knows.
        pub static CATALOG: &[CapInfo] = &[
            $( CapInfo { name: $name, kind: CapKind::$kind, ns: NsId::$ns, restricted: $restricted, description: $desc }, )*
        ];
    };
}

caps! {
    // General capabilities, by the namespace whose schema enumerates them. The three marked
    // `true` are restricted capabilities (the capability declarations page lists them with
    // the restricted ones), though their element is `uap:Capability`, not
    // `rescap:Capability`.
    General FOUNDATION false "internetClient": "outbound access to the Internet and public networks";
    General FOUNDATION false "internetClientServer": "inbound and outbound access to the Internet and public networks (includes internetClient)";
    General FOUNDATION false "privateNetworkClientServer": "inbound and outbound access to home and work networks, and loopback between packages with matching rules";
    General FOUNDATION false "allJoyn": "discovery of and interaction with AllJoyn devices and apps on the network";
    General FOUNDATION false "codeGeneration": "just-in-time code generation (VirtualProtectFromApp, CreateFileMappingFromApp...)";
    General UAP true "documentsLibrary": "the Documents library (file types declared in file type associations only)";
    General UAP false "picturesLibrary": "the Pictures library";
    General UAP false "videosLibrary": "the Videos library";
    General UAP false "musicLibrary": "the Music library";
    General UAP true "enterpriseAuthentication": "connecting to intranet resources with domain credentials";
    General UAP true "sharedUserCertificates": "software and hardware certificates in the shared user store, including smart cards";
    General UAP false "userAccountInformation": "the user's name and picture";
    General UAP false "removableStorage": "removable storage such as USB drives and SD cards";
    General UAP false "appointments": "the user's calendar appointments";
    General UAP false "contacts": "the user's contacts";
    General UAP false "phoneCall": "the phone lines of the device, to place calls and show the system dialer";
    General UAP false "blockedChatMessages": "SMS and MMS messages blocked by the spam filter";
    General UAP false "objects3D": "the 3D Objects library";
    General UAP false "voipCall": "VoIP calls through the Windows.ApplicationModel.Calls API";
    General UAP false "chat": "reading and deleting text messages";
    General UAP2 false "phoneCallHistoryPublic": "read-only access to the call history";
    General UAP2 false "spatialPerception": "spatial mapping data of mixed reality devices";
    General UAP3 false "backgroundMediaPlayback": "playing media while the app is in the background";
    General UAP3 false "userNotificationListener": "reading the notifications of other apps";
    General UAP3 false "remoteSystem": "discovering and using the user's other devices (Project Rome)";
    General UAP4 false "offlineMapsManagement": "downloading offline maps";
    General UAP4 false "userDataTasks": "the user's tasks";
    General UAP6 false "graphicsCapture": "capturing the screen or app windows (with the user's consent)";
    General UAP7 false "globalMediaControl": "controlling the media playback of other apps";
    General UAP7 false "gazeInput": "eye tracker input";
    General UAP11 false "graphicsCaptureProgrammatic": "capturing the screen without a picker for each capture";
    General UAP11 false "graphicsCaptureWithoutBorder": "capturing the screen without the yellow capture border";
    General MOBILE false "recordedCallsFolder": "the folder of recorded calls";
    General IOT false "systemManagement": "basic IoT system administration (shutdown, time zone)";
    General IOT false "lowLevelDevices": "low-level access to GPIO, I2C, SPI and PWM on IoT devices";
    General UAP15 false "humanPresence": "human presence sensors (also a device capability)";
    General SYSTEMAI false "systemAIModels": "the AI models that Windows ships";

    // Restricted capabilities (rescap).
    Restricted RESCAP true "runFullTrust": "full trust: the app runs at medium integrity, outside an app container, with the user's full access";
    Restricted RESCAP true "allowElevation": "starting elevated (administrator) processes";
    Restricted RESCAP true "broadFileSystemAccess": "every file the user can access, through Windows.Storage and the *FromApp APIs, after the user allows it in Settings";
    Restricted RESCAP true "unvirtualizedResources": "writing to the real registry and file system instead of the package's virtualized copies";
    Restricted RESCAP true "modifiableApp": "mutable package folders that other programs (mods) may change";
    Restricted RESCAP true "packageWriteRedirectionCompatibilityShim": "redirecting writes to the package folder";
    Restricted RESCAP true "customInstallActions": "running custom install, repair and uninstall actions";
    Restricted RESCAP true "packagedServices": "installing Windows services from the package";
    Restricted RESCAP true "localSystemServices": "installing services that run as Local System";
    Restricted RESCAP true "enterpriseDataPolicy": "enterprise data protection policies";
    Restricted RESCAP true "appCaptureSettings": "game DVR and broadcast settings";
    Restricted RESCAP true "appCaptureServices": "capturing the app's own screen and audio";
    Restricted RESCAP true "appBroadcastServices": "broadcasting gameplay";
    Restricted RESCAP true "audioDeviceConfiguration": "configuring audio devices";
    Restricted RESCAP true "backgroundMediaRecording": "recording media in the background";
    Restricted RESCAP true "screenDuplication": "duplicating the screen (DirectX desktop duplication)";
    Restricted RESCAP true "cellularDeviceControl": "controlling the cellular modem";
    Restricted RESCAP true "cellularDeviceIdentity": "cellular identifiers (IMEI, ICCID)";
    Restricted RESCAP true "cellularMessaging": "SMS and RCS through the cellular modem";
    Restricted RESCAP true "dualSimTiles": "a second tile for dual-SIM devices";
    Restricted RESCAP true "phoneCallHistory": "reading and deleting call history";
    Restricted RESCAP true "phoneCallHistorySystem": "full access to the call history";
    Restricted RESCAP true "phoneLineTransportManagement": "managing phone line transports";
    Restricted RESCAP true "smsSend": "sending SMS and MMS";
    Restricted RESCAP true "deviceUnlock": "unlocking the device for developer scenarios";
    Restricted RESCAP true "enterpriseDeviceLockdown": "enterprise lockdown of the device";
    Restricted RESCAP true "secureAssessment": "locking the device for exams";
    Restricted RESCAP true "remotePassportAuthentication": "remote Windows Hello authentication";
    Restricted RESCAP true "secondaryAuthenticationFactor": "companion devices that unlock Windows";
    Restricted RESCAP true "inputInjectionBrokered": "injecting input (touch, pen, keyboard, mouse) into the system";
    Restricted RESCAP true "inputObservation": "observing raw input of the whole system";
    Restricted RESCAP true "inputSuppression": "suppressing input to other apps";
    Restricted RESCAP true "inputForegroundObservation": "observing input while in the foreground";
    Restricted RESCAP true "uiAutomation": "UI Automation of other apps";
    Restricted RESCAP true "uiAccess": "UI access (uiAccess=\"true\" in the app's execution level)";
    Restricted RESCAP true "networkingVpnProvider": "acting as a VPN provider";
    Restricted RESCAP true "networkConnectionManagerProvisioning": "provisioning network connections";
    Restricted RESCAP true "networkDataPlanProvisioning": "provisioning data plans";
    Restricted RESCAP true "networkDataUsageManagement": "managing network data usage";
    Restricted RESCAP true "developmentModeNetwork": "developer-mode network access (remote debugging)";
    Restricted RESCAP true "enterpriseCloudSSO": "single sign-on with Azure AD in enterprise apps";
    Restricted RESCAP true "packageManagement": "installing, updating and removing other packages";
    Restricted RESCAP true "packageQuery": "listing other installed packages";
    Restricted RESCAP true "packagePolicySystem": "managing system package policies";
    Restricted RESCAP true "appDiagnostics": "diagnostics of other apps (memory, processes)";
    Restricted RESCAP true "appLicensing": "app licensing information";
    Restricted RESCAP true "storeLicenseManagement": "Store licenses";
    Restricted RESCAP true "previewStore": "preview Store features";
    Restricted RESCAP true "userPrincipalName": "the user's principal name";
    Restricted RESCAP true "walletSystem": "full access to the wallet";
    Restricted RESCAP true "appointmentsSystem": "full access to appointments";
    Restricted RESCAP true "chatSystem": "full access to text messages";
    Restricted RESCAP true "contactsSystem": "full access to contacts";
    Restricted RESCAP true "email": "reading, sending and triaging email";
    Restricted RESCAP true "emailSystem": "full access to email";
    Restricted RESCAP true "userDataSystem": "full access to user data";
    Restricted RESCAP true "userDataAccountsProvider": "providing user data accounts";
    Restricted RESCAP true "userSystemId": "a system-wide user identifier";
    Restricted RESCAP true "firstSignInSettings": "settings during first sign-in";
    Restricted RESCAP true "targetedContent": "targeted content subscriptions";
    Restricted RESCAP true "locationHistory": "location history (removed from Windows)";
    Restricted RESCAP true "locationSystem": "system location settings";
    Restricted RESCAP true "confirmAppClose": "asking the user before the app closes";
    Restricted RESCAP true "startScreenManagement": "managing the Start screen";
    Restricted RESCAP true "extendedBackgroundTaskTime": "background tasks that run longer";
    Restricted RESCAP true "extendedExecutionBackgroundAudio": "extended execution for background audio";
    Restricted RESCAP true "extendedExecutionCritical": "critical extended execution";
    Restricted RESCAP true "extendedExecutionUnconstrained": "unconstrained extended execution";
    Restricted RESCAP true "teamEditionExperience": "Surface Hub experience";
    Restricted RESCAP true "teamEditionDeviceCredential": "Surface Hub device credentials";
    Restricted RESCAP true "teamEditionView": "Surface Hub views";
    Restricted RESCAP true "deviceManagementDmAccount": "MDM accounts";
    Restricted RESCAP true "deviceManagementFoundation": "basic MDM";
    Restricted RESCAP true "deviceManagementWapSecurityPolicies": "MDM WAP security policies";
    Restricted RESCAP true "deviceManagementEmailAccount": "MDM email accounts";
    Restricted RESCAP true "deviceManagementAdministrator": "MDM administration";
    Restricted RESCAP true "deviceManagementRegistration": "MDM registration";
    Restricted RESCAP true "gameList": "the list of installed games";
    Restricted RESCAP true "gameMonitor": "monitoring games";
    Restricted RESCAP true "gameBarServices": "Game Bar services";
    Restricted RESCAP true "expandedResources": "more system resources for games";
    Restricted RESCAP true "allAppMods": "modifying any app's files (mods)";
    Restricted RESCAP true "protectedApp": "protected (anti-tamper) apps";
    Restricted RESCAP true "xboxAccessoryManagement": "managing Xbox accessories";
    Restricted RESCAP true "cortanaSpeechAccessory": "Cortana speech accessories";
    Restricted RESCAP true "cortanaPermissions": "Cortana permissions";
    Restricted RESCAP true "accessoryManager": "managing accessories and their notifications";
    Restricted RESCAP true "oemDeployment": "OEM deployment";
    Restricted RESCAP true "oemPublicDirectory": "the OEM public directory";
    Restricted RESCAP true "interopServices": "driver access through interop services";
    Restricted RESCAP true "smbios": "SMBIOS system information";
    Restricted RESCAP true "cameraProcessingExtension": "camera processing extensions";
    Restricted RESCAP true "previewUiComposition": "preview composition APIs";
    Restricted RESCAP true "previewPenWorkspace": "the Windows Ink workspace (preview)";
    Restricted RESCAP true "previewInkWorkspace": "the Windows Ink workspace (preview)";
    Restricted RESCAP true "slapiQueryLicenseValue": "software license values";
    Restricted RESCAP true "devicePortalProvider": "providing Device Portal plug-ins";
    Restricted RESCAP true "backgroundVoIP": "VoIP in the background";
    Restricted RESCAP true "oneProcessVoIP": "VoIP in one process";
    Restricted RESCAP true "backgroundSpatialPerception": "spatial perception in the background";
    Restricted RESCAP true "userSigninSupport": "sign-in support";
    Restricted RESCAP true "inProcessMediaExtension": "in-process media extensions";
    Restricted RESCAP true "hidTelephony": "HID telephony devices";
    Restricted RESCAP true "storeAppInstallation": "installing Store apps";
    Restricted RESCAP true "windowsHelloCredentialAccess": "Windows Hello credentials";

    // Device capabilities.
    Device FOUNDATION false "location": "the device's location (with the user's consent)";
    Device FOUNDATION false "microphone": "the microphone (with the user's consent)";
    Device FOUNDATION false "proximity": "near-field proximity (NFC)";
    Device FOUNDATION false "webcam": "the camera (with the user's consent)";
    Device FOUNDATION false "usb": "USB devices of the classes the element lists";
    Device FOUNDATION false "humaninterfacedevice": "HID devices of the usages the element lists";
    Device FOUNDATION false "pointOfService": "point-of-service devices (barcode scanners, cash drawers...)";
    Device FOUNDATION false "bluetooth": "Bluetooth devices";
    Device FOUNDATION false "bluetooth.rfcomm": "Bluetooth RFCOMM services the element lists";
    Device FOUNDATION false "bluetooth.genericAttributeProfile": "Bluetooth GATT services the element lists";
    Device FOUNDATION false "wiFiControl": "scanning and connecting to Wi-Fi networks";
    Device FOUNDATION false "radios": "turning radios (Wi-Fi, Bluetooth) on and off";
    Device FOUNDATION false "optical": "optical disc drives";
    Device FOUNDATION false "activity": "motion activity of the device";
    Device FOUNDATION false "humanPresence": "human presence sensors";
    Device FOUNDATION false "serialcommunication": "serial ports";
    Device FOUNDATION false "gazeInput": "eye trackers";
    Device FOUNDATION false "lowLevel": "low-level device access on IoT devices";
}

impl CapInfo {
    /// What the capability declarations page calls it: `a restricted capability`...
    pub fn class(&self) -> &'static str {
        match self.kind {
            CapKind::Device => "a device capability",
            _ if self.restricted => "a restricted capability",
            _ => "a general capability",
        }
    }
}

/// The catalog entry of a name, for the kind of element that declares it. A name can be
/// both a general and a device capability (`gazeInput`, `humanPresence`).
pub fn lookup(name: &str, device: bool) -> Option<&'static CapInfo> {
    CATALOG.iter().find(|c| c.name == name && (c.kind == CapKind::Device) == device)
}

/// The catalog entry of a capability element (`Capability` in any namespace), by name.
pub fn lookup_capability(name: &str) -> Option<&'static CapInfo> {
    lookup(name, false)
}

/// Removed from Windows; declaring it does nothing.
pub const REMOVED: &[&str] = &["locationHistory"];

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_are_unique_per_kind() {
        for (i, a) in CATALOG.iter().enumerate() {
            for b in &CATALOG[i + 1..] {
                assert!(
                    !(a.name == b.name && (a.kind == CapKind::Device) == (b.kind == CapKind::Device)),
                    "{} twice",
                    a.name
                );
            }
        }
        assert_eq!(lookup_capability("runFullTrust").unwrap().ns, NsId::RESCAP);
        assert_eq!(lookup_capability("picturesLibrary").unwrap().ns, NsId::UAP);
        let docs = lookup_capability("documentsLibrary").unwrap();
        assert_eq!((docs.ns, docs.class()), (NsId::UAP, "a restricted capability"));
        assert_eq!(lookup_capability("picturesLibrary").unwrap().class(), "a general capability");
        // Every rescap name is restricted; the general namespaces hold exactly three.
        assert!(CATALOG.iter().filter(|c| c.kind == CapKind::Restricted).all(|c| c.restricted));
        let uap_restricted: Vec<&str> =
            CATALOG.iter().filter(|c| c.kind == CapKind::General && c.restricted).map(|c| c.name).collect();
        assert_eq!(uap_restricted, ["documentsLibrary", "enterpriseAuthentication", "sharedUserCertificates"]);
        assert_eq!(lookup("webcam", true).unwrap().kind, CapKind::Device);
        assert!(lookup_capability("webcam").is_none());
    }

    #[test]
    fn general_names_match_the_schema_enumerations() {
        // Every schema enumeration value of a general capability is in the catalog with
        // the namespace of its schema.
        use crate::schema::{ELEMENTS, SIMPLE_TYPES};
        for e in ELEMENTS.iter().filter(|e| e.name == "Capability") {
            let crate::schema::model::ElementType::Complex(t) = e.ty else { continue };
            let ct = &crate::schema::COMPLEX_TYPES[t as usize];
            let Some(name) = ct.attrs.iter().find(|a| a.name == "Name") else { continue };
            for step in SIMPLE_TYPES[name.ty as usize].steps {
                for v in step.enums {
                    let c = lookup_capability(v).unwrap_or_else(|| panic!("{v} missing"));
                    assert_eq!(c.ns, e.ns, "{v}");
                }
            }
        }
    }
}
